<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AdminPage</name>
    <message>
        <source>%1 added, %2 updated, %3 unchanged, %4 lines with a mistake.</source>
        <translation>Thêm mới %1, cập nhật %2, không đổi %3, %4 dòng có lỗi.</translation>
    </message>
    <message>
        <source>Accounts and dossier states</source>
        <translation>Tài khoản và trạng thái hồ sơ</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Nhật ký kiểm tra</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Backup made at %1 (%2).</source>
        <translation>Đã sao lưu lúc %1 (%2).</translation>
    </message>
    <message>
        <source>Catalog files (*.csv *.xlsx *.json);;All files (*)</source>
        <translation>Tệp danh mục (*.csv *.xlsx *.json);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Kiểm tra ngay</translation>
    </message>
    <message>
        <source>Check the data</source>
        <translation>Kiểm tra dữ liệu</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Checks the database, that the audit trail was not altered, and every stored file.</source>
        <translation>Kiểm tra cơ sở dữ liệu, nhật ký kiểm tra không bị sửa, và mọi tệp đã lưu.</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>Hãy chọn một bản sao lưu trong danh sách.</translation>
    </message>
    <message>
        <source>Choose a day in the list first.</source>
        <translation>Hãy chọn một ngày trong danh sách.</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>Chọn thư mục bản sao lưu</translation>
    </message>
    <message>
        <source>Choose the catalog file</source>
        <translation>Chọn tệp danh mục</translation>
    </message>
    <message>
        <source>Copied to %1.</source>
        <translation>Đã chép thêm vào %1.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>Ngày nghỉ</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Dossiers received from</source>
        <translation>Hồ sơ tiếp nhận từ ngày</translation>
    </message>
    <message>
        <source>Everything is in order.</source>
        <translation>Mọi thứ đều tốt.</translation>
    </message>
    <message>
        <source>Extra day off</source>
        <translation>Ngày nghỉ thêm</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Số tệp</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Import the procedure list from a CSV, Excel (.xlsx) or JSON file; lines with a mistake are listed below and the others are imported.</source>
        <translation>Nhập danh mục thủ tục từ tệp CSV, Excel (.xlsx) hoặc JSON; dòng có lỗi được liệt kê bên dưới, các dòng khác vẫn được nhập.</translation>
    </message>
    <message>
        <source>Import the province's list…</source>
        <translation>Nhập danh mục của tỉnh…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Căn cứ</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>Ngày làm bù</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Officials</source>
        <translation>Cán bộ, bộ phận</translation>
    </message>
    <message>
        <source>One per line, e.g. Công chức Tư pháp – Hộ tịch</source>
        <translation>Mỗi dòng một tên, ví dụ: Công chức Tư pháp – Hộ tịch</translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation>CÓ LỖI</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Phần</translation>
    </message>
    <message>
        <source>Preview the book…</source>
        <translation>Xem trước sổ…</translation>
    </message>
    <message>
        <source>Problems were found: tell your IT support.</source>
        <translation>Có lỗi: hãy báo cán bộ phụ trách công nghệ thông tin.</translation>
    </message>
    <message>
        <source>Procedure catalog</source>
        <translation>Danh mục thủ tục</translation>
    </message>
    <message>
        <source>Remove the chosen day</source>
        <translation>Bỏ ngày đã chọn</translation>
    </message>
    <message>
        <source>Replace ALL the data of this PC with the backup in %1? The current data is kept aside in the data folder. The app will close; open it again afterwards.</source>
        <translation>Thay TOÀN BỘ dữ liệu của máy này bằng bản sao lưu trong %1? Dữ liệu hiện tại được cất lại trong thư mục dữ liệu. Phần mềm sẽ đóng; hãy mở lại sau đó.</translation>
    </message>
    <message>
        <source>Restore from another folder…</source>
        <translation>Khôi phục từ thư mục khác…</translation>
    </message>
    <message>
        <source>Restore the chosen backup…</source>
        <translation>Khôi phục bản đã chọn…</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Save the day</source>
        <translation>Lưu ngày này</translation>
    </message>
    <message>
        <source>Save the list</source>
        <translation>Lưu danh sách</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Stored files</source>
        <translation>Tệp đã lưu</translation>
    </message>
    <message>
        <source>That day is a public holiday set by law: it cannot be removed.</source>
        <translation>Ngày này là ngày nghỉ lễ theo luật: không bỏ được.</translation>
    </message>
    <message>
        <source>The app backs up by itself every day and when it closes. A restore first checks the backup, keeps the current data aside, then closes the app: open it again to work on the restored data.</source>
        <translation>Phần mềm tự sao lưu mỗi ngày và khi tắt. Khi khôi phục, phần mềm kiểm tra bản sao lưu, cất dữ liệu hiện tại sang một bên rồi tự đóng: mở lại phần mềm để làm việc trên dữ liệu đã khôi phục.</translation>
    </message>
    <message>
        <source>The app closes now: open it again.</source>
        <translation>Phần mềm sẽ đóng bây giờ: hãy mở lại.</translation>
    </message>
    <message>
        <source>The data was restored from the backup of %1.</source>
        <translation>Đã khôi phục dữ liệu từ bản sao lưu lúc %1.</translation>
    </message>
    <message>
        <source>The list of officials was saved.</source>
        <translation>Đã lưu danh sách cán bộ, bộ phận.</translation>
    </message>
    <message>
        <source>The officials and departments dossiers are forwarded to: the clerks pick them in the move dialogs (a name not in the list can still be typed).</source>
        <translation>Các cán bộ, bộ phận nhận hồ sơ chuyển xử lý: cán bộ một cửa chọn trong hộp thoại chuyển hồ sơ (vẫn gõ được tên khác).</translation>
    </message>
    <message>
        <source>The previous data is in %1.</source>
        <translation>Dữ liệu trước đó được cất ở %1.</translation>
    </message>
    <message>
        <source>The second copy failed: %1</source>
        <translation>Chưa chép được bản thứ hai: %1</translation>
    </message>
    <message>
        <source>The tracking book (Sổ theo dõi hồ sơ) lists every dossier received in the range.</source>
        <translation>Sổ theo dõi hồ sơ liệt kê mọi hồ sơ tiếp nhận trong khoảng ngày đã chọn.</translation>
    </message>
    <message>
        <source>Tracking book</source>
        <translation>Sổ theo dõi</translation>
    </message>
    <message>
        <source>Tracking book %1 – %2</source>
        <translation>Sổ theo dõi hồ sơ %1 – %2</translation>
    </message>
    <message>
        <source>Unencrypted copy left behind</source>
        <translation>Bản chưa mã hóa còn sót lại</translation>
    </message>
    <message>
        <source>Why (e.g. the decision swapping the days)</source>
        <translation>Lý do (ví dụ: văn bản hoán đổi ngày làm việc)</translation>
    </message>
    <message>
        <source>Why it was not imported</source>
        <translation>Lý do chưa nhập được</translation>
    </message>
    <message>
        <source>Working calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>good</source>
        <translation>tốt</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong and the action was not completed. Please try again; if it happens again, tell your IT support (the details are in the log of the data folder).</source>
        <translation>Đã xảy ra lỗi, thao tác chưa được thực hiện. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ phụ trách công nghệ thông tin (chi tiết ghi trong nhật ký ở thư mục dữ liệu).</translation>
    </message>
</context>
<context>
    <name>AssistHelpForm</name>
    <message>
        <source>12 digits; only 001******456 is kept</source>
        <translation>12 chữ số; chỉ lưu dạng 001******456</translation>
    </message>
    <message>
        <source>Already had a level-2 VNeID account</source>
        <translation>Đã có tài khoản định danh điện tử mức 2</translation>
    </message>
    <message>
        <source>Citizen's name</source>
        <translation>Họ tên công dân</translation>
    </message>
    <message>
        <source>Dossier code (portal)</source>
        <translation>Mã hồ sơ (trên Cổng)</translation>
    </message>
    <message>
        <source>Guide sheet (F6)</source>
        <translation>Phiếu hướng dẫn (F6)</translation>
    </message>
    <message>
        <source>Helps today</source>
        <translation>Lượt hỗ trợ hôm nay</translation>
    </message>
    <message>
        <source>Kind of help</source>
        <translation>Loại hỗ trợ</translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation>Thời gian hỗ trợ (phút)</translation>
    </message>
    <message>
        <source>Never a password, an OTP or a photo</source>
        <translation>Không ghi mật khẩu, mã OTP hay ảnh</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Personal ID (kept masked)</source>
        <translation>Số định danh (chỉ lưu dạng che)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Procedure code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <source>Record a help given to a citizen (F9 saves, F6 prints the guide sheet)</source>
        <translation>Ghi sổ hỗ trợ công dân (F9: lưu, F6: in phiếu hướng dẫn)</translation>
    </message>
    <message>
        <source>Save (F9)</source>
        <translation>Lưu (F9)</translation>
    </message>
    <message>
        <source>The citizen agrees to be recorded</source>
        <translation>Công dân đồng ý ghi thông tin</translation>
    </message>
    <message>
        <source>What is kept: the name, the phone and the masked ID number</source>
        <translation>Thông tin được ghi: họ tên, số điện thoại và số định danh đã che</translation>
    </message>
    <message>
        <source>Why not done</source>
        <translation>Lý do chưa thành công</translation>
    </message>
</context>
<context>
    <name>AssistPage</name>
    <message>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>Citizen did not want to go on</source>
        <translation>Người dân không muốn tiếp tục</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Thành công</translation>
    </message>
    <message>
        <source>Filing a dossier online</source>
        <translation>Nộp hồ sơ trực tuyến</translation>
    </message>
    <message>
        <source>Forgot the password</source>
        <translation>Quên mật khẩu</translation>
    </message>
    <message>
        <source>Guide sheet</source>
        <translation>Phiếu hướng dẫn</translation>
    </message>
    <message>
        <source>Help recorded.</source>
        <translation>Đã ghi sổ hỗ trợ.</translation>
    </message>
    <message>
        <source>Help recorded; online dossier %1.</source>
        <translation>Đã ghi sổ hỗ trợ; hồ sơ trực tuyến %1.</translation>
    </message>
    <message>
        <source>Helps today: %1</source>
        <translation>Lượt hỗ trợ hôm nay: %1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Looking up a dossier</source>
        <translation>Tra cứu hồ sơ</translation>
    </message>
    <message>
        <source>No level-2 account yet</source>
        <translation>Chưa có tài khoản định danh mức 2</translation>
    </message>
    <message>
        <source>No smartphone</source>
        <translation>Không có điện thoại thông minh</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Chưa thành công</translation>
    </message>
    <message>
        <source>Other help</source>
        <translation>Hỗ trợ khác</translation>
    </message>
    <message>
        <source>Other reason (write it in the note)</source>
        <translation>Lý do khác (ghi vào ô ghi chú)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Papers missing</source>
        <translation>Thiếu giấy tờ</translation>
    </message>
    <message>
        <source>Paying online</source>
        <translation>Thanh toán trực tuyến</translation>
    </message>
    <message>
        <source>Phone number not in own name</source>
        <translation>Số điện thoại không chính chủ</translation>
    </message>
    <message>
        <source>Portal down</source>
        <translation>Cổng dịch vụ công gặp sự cố</translation>
    </message>
    <message>
        <source>Portal login with VNeID</source>
        <translation>Đăng nhập Cổng DVC bằng VNeID</translation>
    </message>
    <message>
        <source>This procedure is received online only: help the citizen file it online.</source>
        <translation>Thủ tục này chỉ tiếp nhận trực tuyến: hãy hỗ trợ công dân nộp hồ sơ trực tuyến.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <source>VNeID install / level-2 activation</source>
        <translation>Cài đặt, kích hoạt VNeID mức 2</translation>
    </message>
</context>
<context>
    <name>DocumentsTable</name>
    <message>
        <source>Certified copy</source>
        <translation>Bản sao chứng thực</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>Bản điện tử</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message numerus="yes">
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n hồ sơ</numerusform>
        </translation>
    </message>
    <message>
        <source>All procedures</source>
        <translation>Tất cả thủ tục</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Tất cả trạng thái</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <source>Find (Ctrl+F): name, ID number, phone, code or procedure</source>
        <translation>Tìm (Ctrl+F): họ tên, số định danh, điện thoại, mã hồ sơ hoặc thủ tục</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Ngày nhận từ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
</context>
<context>
    <name>DossierPage</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Audit history</source>
        <translation>Nhật ký kiểm tra</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Certified copy</source>
        <translation>Bản sao chứng thực</translation>
    </message>
    <message>
        <source>Channel: %1, result returned: %2</source>
        <translation>Kênh nộp: %1, trả kết quả: %2</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Dossier code (or scan the slip's barcode)</source>
        <translation>Mã hồ sơ (hoặc quét mã vạch trên giấy hẹn)</translation>
    </message>
    <message>
        <source>Due after supplement pauses: %1</source>
        <translation>Hạn sau khi trừ thời gian chờ bổ sung: %1</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>Bản điện tử</translation>
    </message>
    <message>
        <source>Extended to %1</source>
        <translation>Gia hạn đến %1</translation>
    </message>
    <message>
        <source>Fee and return</source>
        <translation>Phí, lệ phí và trả kết quả</translation>
    </message>
    <message>
        <source>Fee: %1 (%2)</source>
        <translation>Phí, lệ phí: %1 (%2)</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <source>Intake slip (Form 01)</source>
        <translation>Giấy tiếp nhận (Mẫu 01)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Letters: %1</source>
        <translation>Văn bản đã ban hành: %1</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Moves</source>
        <translation>Quá trình xử lý</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Postal item %1 (%2): %3</source>
        <translation>Bưu gửi %1 (%2): %3</translation>
    </message>
    <message>
        <source>Prints</source>
        <translation>Bản in</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Rating: %1</source>
        <translation>Đánh giá: %1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>Received %1, due %2</source>
        <translation>Tiếp nhận %1, hẹn trả %2</translation>
    </message>
    <message>
        <source>Received by %1 (%2)</source>
        <translation>Người nhận kết quả: %1 (%2)</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>In lại</translation>
    </message>
    <message>
        <source>Slip %1</source>
        <translation>Giấy tiếp nhận %1</translation>
    </message>
    <message>
        <source>State after</source>
        <translation>Trạng thái sau</translation>
    </message>
    <message>
        <source>Supplement requested %1: %2</source>
        <translation>Yêu cầu bổ sung %1: %2</translation>
    </message>
    <message>
        <source>Timeliness: %1</source>
        <translation>Tiến độ: %1</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Tracking book: volume %1, number %2</source>
        <translation>Sổ theo dõi: quyển số %1, số thứ tự %2</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Diễn biến</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>early</source>
        <translation>trước hạn</translation>
    </message>
    <message>
        <source>late</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>đúng hạn</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>(guided, no code)</source>
        <translation>(đã hướng dẫn, chưa có mã)</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
</context>
<context>
    <name>FeeBox</name>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>Miễn</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Miễn phí</translation>
    </message>
    <message>
        <source>Not paid yet</source>
        <translation>Chưa nộp</translation>
    </message>
    <message>
        <source>Pages per copy</source>
        <translation>Số trang mỗi bản</translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation>Đã nộp trực tuyến</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <source>Set by the provincial council: type the amount.</source>
        <translation>Mức thu theo nghị quyết HĐND tỉnh: hãy nhập số tiền.</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Answer due</source>
        <translation>Hạn trả lời</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Trực tiếp tại quầy</translation>
    </message>
    <message>
        <source>Awaiting an answer</source>
        <translation>Đang chờ trả lời</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Phân loại</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Content of a rule</source>
        <translation>Nội dung quy định hành chính</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Feedback %1 received; answer due %2.</source>
        <translation>Đã tiếp nhận phản ánh số %1; hạn trả lời %2.</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <source>How officials apply it</source>
        <translation>Cách cơ quan, cán bộ thực hiện</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Văn bản, thư</translation>
    </message>
    <message>
        <source>May be contacted about the answer</source>
        <translation>Đồng ý được liên hệ để trả lời</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Organisation or business</source>
        <translation>Tổ chức, doanh nghiệp</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>Past the time limit</source>
        <translation>Quá hạn trả lời</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Cổng dịch vụ công</translation>
    </message>
    <message>
        <source>Procedure code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <source>Proposal to simplify</source>
        <translation>Kiến nghị sửa đổi, đơn giản hóa</translation>
    </message>
    <message>
        <source>Receive (F9)</source>
        <translation>Tiếp nhận (F9)</translation>
    </message>
    <message>
        <source>Receive a feedback</source>
        <translation>Tiếp nhận phản ánh, kiến nghị</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Record the answer</source>
        <translation>Ghi kết quả trả lời</translation>
    </message>
    <message>
        <source>Select a feedback in the list first.</source>
        <translation>Hãy chọn một phản ánh trong danh sách trước.</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Người gửi</translation>
    </message>
    <message>
        <source>Sender is</source>
        <translation>Người gửi là</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create and sign in</source>
        <translation>Tạo và đăng nhập</translation>
    </message>
    <message>
        <source>Create the admin account</source>
        <translation>Tạo tài khoản quản trị</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>No account exists yet. Create the admin account: it adds the clerks' accounts, changes settings and makes backups.</source>
        <translation>Chưa có tài khoản nào. Hãy tạo tài khoản quản trị: tài khoản này thêm tài khoản cho cán bộ, thay đổi cài đặt và sao lưu dữ liệu.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Mật khẩu cần ít nhất %1 ký tự.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>✓ The password meets the rule.</source>
        <translation>✓ Mật khẩu đạt yêu cầu.</translation>
    </message>
</context>
<context>
    <name>FormSettingsDialog</name>
    <message>
        <source>(derived from the lookup address)</source>
        <translation>(tự ghi theo địa chỉ tra cứu)</translation>
    </message>
    <message>
        <source>A new volume starts</source>
        <translation>Mở quyển sổ mới</translation>
    </message>
    <message>
        <source>Add a form set</source>
        <translation>Thêm bộ mẫu biểu</translation>
    </message>
    <message>
        <source>Apology / extension</source>
        <translation>Văn bản xin lỗi, gia hạn</translation>
    </message>
    <message>
        <source>Capacity (e.g. TM. ỦY BAN NHÂN DÂN)</source>
        <translation>Thẩm quyền ký (ví dụ TM. ỦY BAN NHÂN DÂN)</translation>
    </message>
    <message>
        <source>Caption under the QR</source>
        <translation>Dòng chú thích dưới mã QR</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Document number suffixes</source>
        <translation>Ký hiệu số văn bản</translation>
    </message>
    <message>
        <source>Form set</source>
        <translation>Bộ mẫu biểu</translation>
    </message>
    <message>
        <source>Form sets (each dossier prints with the set in force when received)</source>
        <translation>Bộ mẫu biểu (mỗi hồ sơ in theo bộ mẫu áp dụng tại ngày tiếp nhận)</translation>
    </message>
    <message>
        <source>Form settings saved.</source>
        <translation>Đã lưu cài đặt biểu mẫu.</translation>
    </message>
    <message>
        <source>Forms and signatures</source>
        <translation>Biểu mẫu và chữ ký</translation>
    </message>
    <message>
        <source>Governing body</source>
        <translation>Cơ quan chủ quản</translation>
    </message>
    <message>
        <source>Header of the forms</source>
        <translation>Tiêu đề các biểu mẫu</translation>
    </message>
    <message>
        <source>In force from (YYYY-MM-DD)</source>
        <translation>Áp dụng từ ngày (năm-tháng-ngày)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>One-stop office (current name)</source>
        <translation>Bộ phận một cửa (tên hiện hành)</translation>
    </message>
    <message>
        <source>Place on the date line</source>
        <translation>Địa danh ghi ở dòng ngày tháng</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>Phiếu từ chối</translation>
    </message>
    <message>
        <source>Running numbers</source>
        <translation>Số thứ tự</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Stop notice</source>
        <translation>Thông báo dừng giải quyết</translation>
    </message>
    <message>
        <source>Supplement request</source>
        <translation>Phiếu yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>The slip's QR code</source>
        <translation>Mã QR trên giấy hẹn</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Tracking book</source>
        <translation>Sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Who signs the unit's letters</source>
        <translation>Người ký văn bản của đơn vị</translation>
    </message>
    <message>
        <source>continuous through the year</source>
        <translation>liên tục trong năm</translation>
    </message>
    <message>
        <source>each month</source>
        <translation>mỗi tháng</translation>
    </message>
    <message>
        <source>each quarter</source>
        <translation>mỗi quý</translation>
    </message>
    <message>
        <source>each year</source>
        <translation>mỗi năm</translation>
    </message>
    <message>
        <source>every N dossiers</source>
        <translation>sau mỗi N hồ sơ</translation>
    </message>
    <message>
        <source>from 1 in each volume</source>
        <translation>từ 1 trong mỗi quyển</translation>
    </message>
</context>
<context>
    <name>GuiContext</name>
    <message>
        <source>Something went wrong and the action was not completed. Please try again; if it happens again, tell your IT support.</source>
        <translation>Đã xảy ra lỗi, thao tác chưa được thực hiện. Hãy thử lại; nếu vẫn lỗi, hãy báo cho cán bộ phụ trách công nghệ thông tin.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>User guide</source>
        <translation>Hướng dẫn sử dụng</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>(pick a procedure first)</source>
        <translation>(chọn thủ tục trước)</translation>
    </message>
    <message>
        <source>Add document (Ins)</source>
        <translation>Thêm giấy tờ (Ins)</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Hẹn trả kết quả</translation>
    </message>
    <message>
        <source>Appointment if received now: %1</source>
        <translation>Hẹn trả nếu nhận ngay bây giờ: %1</translation>
    </message>
    <message>
        <source>At the one-stop counter</source>
        <translation>Tại Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Bưu chính</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kênh nộp</translation>
    </message>
    <message>
        <source>Delivered by the post on</source>
        <translation>Ngày bưu chính giao</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Documents received (Space: received or missing)</source>
        <translation>Thành phần hồ sơ (phím cách: đã nhận / còn thiếu)</translation>
    </message>
    <message>
        <source>Fee: %1</source>
        <translation>Phí, lệ phí: %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Number of sets</source>
        <translation>Số bộ hồ sơ</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Online (assisted)</source>
        <translation>Trực tuyến có hỗ trợ</translation>
    </message>
    <message>
        <source>Postal</source>
        <translation>Bưu chính</translation>
    </message>
    <message>
        <source>Postal item number</source>
        <translation>Số hiệu bưu gửi</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <source>Processing time: %1</source>
        <translation>Thời hạn giải quyết: %1</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Representative (filing on behalf)</source>
        <translation>Người được ủy quyền (nộp thay)</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Nhận kết quả tại</translation>
    </message>
    <message>
        <source>What the procedure needs</source>
        <translation>Yêu cầu của thủ tục</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>%1 is received online only: press F8 to help the citizen file it online.</source>
        <translation>Thủ tục %1 chỉ tiếp nhận trực tuyến: nhấn F8 để hỗ trợ công dân nộp trực tuyến.</translation>
    </message>
    <message>
        <source>Dossier %1 received; appointment %2.</source>
        <translation>Đã tiếp nhận hồ sơ %1; hẹn trả %2.</translation>
    </message>
    <message>
        <source>Dossier %1 was saved; its form could not be printed: %2. Open the dossier (Dossier page) to print it again.</source>
        <translation>Đã lưu hồ sơ %1; chưa in được phiếu: %2. Mở hồ sơ (trang Chi tiết hồ sơ) để in lại.</translation>
    </message>
    <message>
        <source>F9 or Ctrl+S</source>
        <translation>F9 hoặc Ctrl+S</translation>
    </message>
    <message>
        <source>ID card read: %1</source>
        <translation>Đã đọc căn cước: %1</translation>
    </message>
    <message>
        <source>Name differs</source>
        <translation>Họ tên khác với hồ sơ trước</translation>
    </message>
    <message>
        <source>New form (Ctrl+N)</source>
        <translation>Nhập mới (Ctrl+N)</translation>
    </message>
    <message>
        <source>Refusal %1</source>
        <translation>Phiếu từ chối %1</translation>
    </message>
    <message>
        <source>Refusal %1 recorded.</source>
        <translation>Đã ghi nhận từ chối tiếp nhận %1.</translation>
    </message>
    <message>
        <source>Refuse (Form 03)</source>
        <translation>Từ chối (Mẫu 03)</translation>
    </message>
    <message>
        <source>Save and print (F9)</source>
        <translation>Lưu và in (F9)</translation>
    </message>
    <message>
        <source>Slip %1</source>
        <translation>Giấy tiếp nhận %1</translation>
    </message>
    <message>
        <source>Supplement guidance %1</source>
        <translation>Phiếu hướng dẫn bổ sung %1</translation>
    </message>
    <message>
        <source>Supplement guidance %1 recorded.</source>
        <translation>Đã ghi nhận hướng dẫn bổ sung %1.</translation>
    </message>
    <message>
        <source>Supplement guidance (Form 02)</source>
        <translation>Hướng dẫn bổ sung (Mẫu 02)</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>The screen is locked. Sign in to continue, or sign in as another clerk.</source>
        <translation>Màn hình đã khóa. Đăng nhập để tiếp tục, hoặc đăng nhập bằng tài khoản cán bộ khác.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Something went wrong; please try again.</source>
        <translation>Đã có lỗi xảy ra, hãy thử lại.</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>T&amp;rợ giúp</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Receive a new dossier</source>
        <translation>&amp;Tiếp nhận hồ sơ mới</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Tìm &amp;kiếm</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <source>One-stop counter</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>You may not receive dossiers.</source>
        <translation>Tài khoản này không được tiếp nhận hồ sơ.</translation>
    </message>
    <message>
        <source>desk_app %1: the front desk of the one-stop counter. Data: %2</source>
        <translation>desk_app %1: phần mềm tiếp nhận và trả kết quả của Bộ phận Một cửa. Dữ liệu: %2</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>An authorised person</source>
        <translation>Người được ủy quyền</translation>
    </message>
    <message>
        <source>An electronic result exists</source>
        <translation>Có kết quả điện tử</translation>
    </message>
    <message>
        <source>Apologise and set a new date</source>
        <translation>Xin lỗi và hẹn lại ngày trả kết quả</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Tại quầy</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <source>Forward the dossier</source>
        <translation>Chuyển hồ sơ</translation>
    </message>
    <message>
        <source>Hand over to</source>
        <translation>Chuyển cho</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số giấy tờ tùy thân</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <source>New due date</source>
        <translation>Ngày hẹn trả mới</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Không đánh giá</translation>
    </message>
    <message>
        <source>One missing item per line</source>
        <translation>Mỗi dòng một nội dung cần bổ sung</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Payment received</source>
        <translation>Đã thực hiện nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Pick from the list (↓) or type a name</source>
        <translation>Chọn trong danh sách (↓) hoặc gõ tên</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Đánh giá</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Người nhận kết quả</translation>
    </message>
    <message>
        <source>Refuse the dossier</source>
        <translation>Từ chối hồ sơ</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Request a supplement</source>
        <translation>Yêu cầu bổ sung hồ sơ</translation>
    </message>
    <message>
        <source>Request payment</source>
        <translation>Yêu cầu thực hiện nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Result handed to (optional)</source>
        <translation>Giao kết quả cho (nếu có)</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Đã có kết quả</translation>
    </message>
    <message>
        <source>Return the result</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Hình thức trả</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <source>Stop processing</source>
        <translation>Dừng xử lý hồ sơ</translation>
    </message>
    <message>
        <source>Supplement received</source>
        <translation>Đã nhận hồ sơ bổ sung</translation>
    </message>
    <message>
        <source>The applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>What to supplement</source>
        <translation>Nội dung cần bổ sung</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Withdrawal requested</source>
        <translation>Công dân xin rút hồ sơ</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Accounts</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>Citizen help</source>
        <translation>Hỗ trợ công dân</translation>
    </message>
    <message>
        <source>Digitization</source>
        <translation>Số hóa</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Chi tiết hồ sơ</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Feedback on rules</source>
        <translation>Phản ánh, kiến nghị</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>Postal</source>
        <translation>Bưu chính công ích</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ cấp trên</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>Fit width (Ctrl+0)</source>
        <translation>Vừa chiều ngang (Ctrl+0)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Xem trước khi in</translation>
    </message>
    <message>
        <source>Print… (Ctrl+P)</source>
        <translation>In… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Lưu thành tệp PDF</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Lưu thành PDF…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>The document could not be read.</source>
        <translation>Không đọc được tài liệu.</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Phóng to (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Thu nhỏ (Ctrl+-)</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>12 digits (or old 9-digit ID)</source>
        <translation>12 chữ số (hoặc CMND cũ 9 số)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh (CCCD)</translation>
    </message>
    <message>
        <source>Old ID (CMND)</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
</context>
<context>
    <name>PostalPage</name>
    <message>
        <source>%1 came back undeliverable</source>
        <translation>Bưu gửi %1 không phát được, đã chuyển hoàn</translation>
    </message>
    <message>
        <source>%1 delivered</source>
        <translation>Bưu gửi %1 đã phát thành công</translation>
    </message>
    <message>
        <source>%1 sent by post (%2)</source>
        <translation>Đã gửi kết quả hồ sơ %1 qua bưu chính (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n dòng</numerusform>
        </translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Address label</source>
        <translation>Nhãn địa chỉ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>Chuyển hoàn</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Đã phát</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Cước</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Tổng cước</translation>
    </message>
    <message>
        <source>Hand-over manifest</source>
        <translation>Phiếu bàn giao bưu gửi</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Ngày giao</translation>
    </message>
    <message>
        <source>Handed to the post</source>
        <translation>Giao cho bưu chính</translation>
    </message>
    <message>
        <source>Item number</source>
        <translation>Số hiệu bưu gửi</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Số bưu gửi</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>Phiếu bàn giao</translation>
    </message>
    <message numerus="yes">
        <source>Manifest %1: %n item(s)</source>
        <translation>
            <numerusform>Phiếu bàn giao %1: %n bưu gửi</numerusform>
        </translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>Phiếu bàn giao</translation>
    </message>
    <message>
        <source>Open dossier</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>Đang chuyển phát</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Print label</source>
        <translation>In nhãn địa chỉ</translation>
    </message>
    <message>
        <source>Received by post</source>
        <translation>Nhận qua bưu chính</translation>
    </message>
    <message>
        <source>Recipient / sender</source>
        <translation>Người nhận / người gửi</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Có kết quả lúc</translation>
    </message>
    <message>
        <source>Scan or type an item number, a manifest number or a dossier code</source>
        <translation>Quét hoặc nhập số hiệu bưu gửi, số phiếu bàn giao hoặc mã hồ sơ</translation>
    </message>
    <message>
        <source>Send by post…</source>
        <translation>Gửi qua bưu chính…</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Taken from the post</source>
        <translation>Nhận từ bưu chính</translation>
    </message>
    <message>
        <source>To send</source>
        <translation>Chờ gửi trả</translation>
    </message>
    <message>
        <source>Today's manifest</source>
        <translation>Phiếu bàn giao hôm nay</translation>
    </message>
    <message>
        <source>Undeliverable</source>
        <translation>Không phát được</translation>
    </message>
    <message>
        <source>Undeliverable…</source>
        <translation>Không phát được…</translation>
    </message>
    <message>
        <source>Why could the post not deliver %1?</source>
        <translation>Lý do bưu chính không phát được bưu gửi %1?</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>Find a procedure: name, code or field (accents optional)</source>
        <translation>Tìm thủ tục: tên, mã hoặc lĩnh vực (gõ có dấu hay không dấu đều được)</translation>
    </message>
</context>
<context>
    <name>QueuesPage</name>
    <message numerus="yes">
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n hồ sơ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) fall due soon without a result: %1</source>
        <translation>
            <numerusform>%n hồ sơ sắp đến hạn mà chưa có kết quả: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n search result(s) for “%1”</source>
        <translation>
            <numerusform>%n kết quả tìm kiếm cho “%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn trả</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Result ready to return</source>
        <translation>Có kết quả, chờ trả</translation>
    </message>
    <message>
        <source>Returned today</source>
        <translation>Đã trả hôm nay</translation>
    </message>
    <message>
        <source>Search: name, ID number, phone, dossier code or procedure</source>
        <translation>Tìm: họ tên, số định danh, số điện thoại, mã hồ sơ hoặc thủ tục</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Waiting for a supplement</source>
        <translation>Chờ bổ sung</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Refusal (Form 03)</source>
        <translation>Từ chối tiếp nhận (Mẫu 03)</translation>
    </message>
    <message>
        <source>Save and print (F9)</source>
        <translation>Lưu và in (F9)</translation>
    </message>
    <message>
        <source>Supplement guidance (Form 02)</source>
        <translation>Hướng dẫn bổ sung, hoàn thiện hồ sơ (Mẫu 02)</translation>
    </message>
    <message>
        <source>What must be supplemented (one item a line):</source>
        <translation>Nội dung cần bổ sung, hoàn thiện (mỗi dòng một mục):</translation>
    </message>
    <message>
        <source>Why the dossier cannot be received</source>
        <translation>Lý do không tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>e.g. Article 16 of Decree 61/2018/NĐ-CP</source>
        <translation>ví dụ: Điều 16 Nghị định 61/2018/NĐ-CP</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Channels</source>
        <translation>Kênh tiếp nhận</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Trước hạn, đúng hạn</translation>
    </message>
    <message>
        <source>Ratios against targets</source>
        <translation>Các tỷ lệ so với chỉ tiêu</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Received, on time and late by period</source>
        <translation>Tiếp nhận, giải quyết đúng hạn và quá hạn theo kỳ</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <source>Below the target of the year</source>
        <translation>Chưa đạt chỉ tiêu năm</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Kỳ trước</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>không có dữ liệu</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>2026-W38, 2026-09, 2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-07-01..2026-09-30</source>
        <translation>2026-W38 (tuần), 2026-09 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm) hoặc 2026-07-01..2026-09-30</translation>
    </message>
    <message>
        <source>By field</source>
        <translation>Theo lĩnh vực</translation>
    </message>
    <message>
        <source>By officer</source>
        <translation>Theo cán bộ xử lý</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <source>Calendar periods</source>
        <translation>Theo tháng dương lịch</translation>
    </message>
    <message>
        <source>Carried over</source>
        <translation>Kỳ trước chuyển sang</translation>
    </message>
    <message>
        <source>Click a figure to list the dossiers behind it.</source>
        <translation>Bấm vào một số liệu để xem danh sách hồ sơ tạo nên số liệu đó.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Direct and postal</source>
        <translation>Trực tiếp, bưu chính</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Export this report</source>
        <translation>Xuất báo cáo này ra tệp</translation>
    </message>
    <message>
        <source>Form II.06a (results of procedures)</source>
        <translation>Biểu II.06a (kết quả giải quyết TTHC)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Kỳ sau</translation>
    </message>
    <message>
        <source>Nine months</source>
        <translation>9 tháng</translation>
    </message>
    <message>
        <source>Officer holding it</source>
        <translation>Cán bộ đang giữ hồ sơ</translation>
    </message>
    <message>
        <source>One-stop counter report</source>
        <translation>Báo cáo của Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Overdue now: %1 dossiers</source>
        <translation>Hồ sơ đang quá hạn hiện nay: %1</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>Plain calendar months instead of the 15th-to-14th reporting windows</source>
        <translation>Tính theo tháng, quý, năm dương lịch thay cho kỳ chốt số liệu từ ngày 15 đến ngày 14</translation>
    </message>
    <message>
        <source>Postal</source>
        <translation>Bưu chính</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Kỳ trước</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Đã ghi báo cáo vào %1</translation>
    </message>
    <message>
        <source>Service quality (QĐ 766)</source>
        <translation>Chất lượng phục vụ (QĐ 766)</translation>
    </message>
    <message>
        <source>Six months</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Targets…</source>
        <translation>Chỉ tiêu…</translation>
    </message>
    <message>
        <source>This figure has no list of dossiers.</source>
        <translation>Số liệu này không có danh sách hồ sơ.</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <source>Weekly report for the leader</source>
        <translation>Báo cáo tuần cho lãnh đạo</translation>
    </message>
    <message>
        <source>Whole unit</source>
        <translation>Toàn đơn vị</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Yearly targets of the ratios (admin)</source>
        <translation>Chỉ tiêu năm của các tỷ lệ (quản trị)</translation>
    </message>
</context>
<context>
    <name>ScanInboxPanel</name>
    <message>
        <source>%1 page(s) added.</source>
        <translation>Đã thêm %1 trang.</translation>
    </message>
    <message>
        <source>Attach to the chosen document</source>
        <translation>Gắn vào thành phần đang chọn</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>Đã gắn</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Kiểm tra ngay</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Chọn thư mục…</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Folder where the copier saves scans</source>
        <translation>Thư mục máy photocopy lưu bản quét</translation>
    </message>
    <message>
        <source>No scan folder chosen.</source>
        <translation>Chưa chọn thư mục nhận bản quét.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Open the dossier and choose the document first.</source>
        <translation>Hãy mở hồ sơ và chọn thành phần trước.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Routed by barcode</source>
        <translation>Đã nhận theo mã vạch</translation>
    </message>
    <message>
        <source>Scan folder</source>
        <translation>Thư mục nhận bản quét</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Set aside…</source>
        <translation>Bỏ qua…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>These files were routed to another dossier. Attach them to %1 anyway?</source>
        <translation>Các tệp này đã được nhận theo mã vạch của hồ sơ khác. Vẫn gắn vào hồ sơ %1?</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Why are these files set aside?</source>
        <translation>Lý do bỏ qua các tệp này?</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>%1 page(s) added.</source>
        <translation>Đã thêm %1 trang.</translation>
    </message>
    <message>
        <source>%1 page(s) saved.</source>
        <translation>Đã lưu %1 trang.</translation>
    </message>
    <message>
        <source>%1. %2 — %3 page(s), %4</source>
        <translation>%1. %2 — %3 trang, %4</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Tự động</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>Đã hủy: chưa lưu trang nào.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Đang hủy…</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Màu sắc</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <source>Document feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Dossier code (type or scan the slip's barcode)</source>
        <translation>Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận)</translation>
    </message>
    <message>
        <source>E-result — %1 page(s)</source>
        <translation>Kết quả điện tử — %1 trang</translation>
    </message>
    <message>
        <source>Find scanners</source>
        <translation>Tìm máy quét</translation>
    </message>
    <message>
        <source>Flatbed glass</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <source>Gray</source>
        <translation>Xám</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Nhập tệp…</translation>
    </message>
    <message>
        <source>Import scanned files</source>
        <translation>Nhập tệp đã quét</translation>
    </message>
    <message>
        <source>No scanner found.</source>
        <translation>Không tìm thấy máy quét.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <source>Page %1 (%2 done)</source>
        <translation>Trang %1 (xong %2 trang)</translation>
    </message>
    <message>
        <source>Paper source</source>
        <translation>Nguồn giấy</translation>
    </message>
    <message>
        <source>Remove page</source>
        <translation>Gỡ trang</translation>
    </message>
    <message>
        <source>Remove page…</source>
        <translation>Gỡ trang…</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Why is this page removed?</source>
        <translation>Lý do gỡ trang này?</translation>
    </message>
    <message>
        <source>digitized</source>
        <translation>đã số hóa</translation>
    </message>
    <message>
        <source>not digitized</source>
        <translation>chưa số hóa</translation>
    </message>
    <message>
        <source>reused from an earlier result</source>
        <translation>tái sử dụng từ kết quả hồ sơ khác</translation>
    </message>
    <message>
        <source>reused from another dossier</source>
        <translation>tái sử dụng từ thành phần hồ sơ khác</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Citizen</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Item number</source>
        <translation>Số hiệu bưu gửi</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Khổ nhãn</translation>
    </message>
    <message>
        <source>No S10 number: free reference</source>
        <translation>Không có số hiệu S10: số tham chiếu tự do</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>Bên trả cước</translation>
    </message>
    <message>
        <source>Postal fee</source>
        <translation>Cước bưu chính</translation>
    </message>
    <message>
        <source>Send the result by post</source>
        <translation>Gửi kết quả qua bưu chính</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Lock / switch clerk</source>
        <translation>Khóa màn hình / đổi cán bộ</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> ngày làm việc</translation>
    </message>
    <message>
        <source>(none chosen yet: the print dialog remembers it)</source>
        <translation>(chưa chọn: hộp thoại in sẽ ghi nhớ máy in đã chọn)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Agency code (QCVN 102:2016)</source>
        <translation>Mã cơ quan (QCVN 102:2016)</translation>
    </message>
    <message>
        <source>Counter number</source>
        <translation>Số quầy</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation>Máy in mặc định</translation>
    </message>
    <message>
        <source>Forms and signatures…</source>
        <translation>Biểu mẫu và chữ ký…</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Đường dây nóng</translation>
    </message>
    <message>
        <source>Larger (115%)</source>
        <translation>Lớn hơn (115%)</translation>
    </message>
    <message>
        <source>Largest (130%)</source>
        <translation>Lớn nhất (130%)</translation>
    </message>
    <message>
        <source>Lock the screen after</source>
        <translation>Tự khóa màn hình sau</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Không khóa</translation>
    </message>
    <message>
        <source>Normal (100%)</source>
        <translation>Bình thường (100%)</translation>
    </message>
    <message>
        <source>Online lookup address</source>
        <translation>Địa chỉ tra cứu trực tuyến</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Second backup place</source>
        <translation>Nơi sao lưu thứ hai</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
    <message>
        <source>Slip paper size</source>
        <translation>Khổ giấy phiếu hẹn</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Cỡ chữ</translation>
    </message>
    <message>
        <source>The data directory is: %1</source>
        <translation>Thư mục dữ liệu: %1</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>Máy tính này</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Hoàn tác thay đổi</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>Tên đơn vị</translation>
    </message>
    <message>
        <source>Warn when due within</source>
        <translation>Cảnh báo khi còn hạn dưới</translation>
    </message>
    <message>
        <source>e.g. /media/usb/saoluu (optional)</source>
        <translation>ví dụ /media/usb/saoluu (không bắt buộc)</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Agency code (QCVN 102:2016)</source>
        <translation>Mã cơ quan (QCVN 102:2016)</translation>
    </message>
    <message>
        <source>Counter number of this PC</source>
        <translation>Số quầy của máy này</translation>
    </message>
    <message>
        <source>Enter the agency code.</source>
        <translation>Cần nhập mã cơ quan.</translation>
    </message>
    <message>
        <source>Enter the unit name.</source>
        <translation>Cần nhập tên đơn vị.</translation>
    </message>
    <message>
        <source>Enter your unit once. You can change it later in Settings.</source>
        <translation>Khai báo đơn vị một lần. Có thể sửa sau trong mục Cài đặt.</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Save and start</source>
        <translation>Lưu và bắt đầu</translation>
    </message>
    <message>
        <source>Set up this counter</source>
        <translation>Khai báo quầy tiếp nhận</translation>
    </message>
    <message>
        <source>The unit could not be saved. Please try again.</source>
        <translation>Chưa lưu được thông tin đơn vị. Hãy thử lại.</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>Tên đơn vị</translation>
    </message>
    <message>
        <source>e.g. Ủy ban nhân dân xã Gio Sơn</source>
        <translation>ví dụ: Ủy ban nhân dân xã Gio Sơn</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Attempts</source>
        <translation>Số lần thử</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Chứng chỉ CA</translation>
    </message>
    <message>
        <source>CA file (optional)</source>
        <translation>Tệp CA (nếu có)</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Thay đổi lúc</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Closed by the upper level</source>
        <translation>Cấp trên đã khóa kỳ</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Địa chỉ máy chủ cấp trên</translation>
    </message>
    <message>
        <source>Hub settings saved</source>
        <translation>Đã lưu cài đặt máy chủ cấp trên</translation>
    </message>
    <message>
        <source>Hub settings saved; %1 periods will be sent</source>
        <translation>Đã lưu cài đặt máy chủ cấp trên; sẽ gửi %1 kỳ báo cáo</translation>
    </message>
    <message>
        <source>Hub: %1 · last successful sync: %2 · periods waiting: %3</source>
        <translation>Máy chủ: %1 · đồng bộ thành công lần cuối: %2 · số kỳ chờ gửi: %3</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Save hub settings</source>
        <translation>Lưu cài đặt máy chủ</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Đồng bộ xong</translation>
    </message>
    <message>
        <source>Sync finished with errors: see the outbox</source>
        <translation>Đồng bộ xong nhưng có lỗi: xem danh sách chờ gửi</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <source>To send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Mã truy cập (token)</translation>
    </message>
    <message>
        <source>Upper-level hub</source>
        <translation>Máy chủ cấp trên</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa lần nào</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>chưa cài đặt</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Last sync: %1 · waiting: %2</source>
        <translation>Đồng bộ lần cuối: %1 · chờ gửi: %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa lần nào</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Ratio</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>Target (%)</source>
        <translation>Chỉ tiêu (%)</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Yearly targets</source>
        <translation>Chỉ tiêu năm</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>chưa giao</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>(whole unit: %1)</source>
        <translation>(cả đơn vị: %1)</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <source>Help given today</source>
        <translation>Lượt hướng dẫn hôm nay</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Phím %1</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Press 1–7 to open a list, F2 to receive a dossier, Alt+1 … Alt+9 to change page.</source>
        <translation>Bấm phím 1–7 để mở danh sách, F2 để tiếp nhận hồ sơ, Alt+1 … Alt+9 để chuyển trang.</translation>
    </message>
    <message>
        <source>Ready to return</source>
        <translation>Có kết quả, chờ trả</translation>
    </message>
    <message>
        <source>Receive a new dossier (F2)</source>
        <translation>Tiếp nhận hồ sơ mới (F2)</translation>
    </message>
    <message>
        <source>Received today by me</source>
        <translation>Tôi tiếp nhận hôm nay</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Thứ Bảy</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Chủ nhật</translation>
    </message>
    <message>
        <source>This list is not available yet.</source>
        <translation>Danh sách này chưa có trong phần mềm.</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <source>Today, %1 %2</source>
        <translation>Hôm nay, %1 %2</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <source>Waiting for a supplement</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Chờ gửi lên cấp trên</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>chưa có dữ liệu</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Encrypted data</source>
        <translation>Dữ liệu được mã hóa</translation>
    </message>
    <message>
        <source>The data of this PC is encrypted. Enter the passphrase:</source>
        <translation>Dữ liệu trên máy này được mã hóa. Nhập cụm mật khẩu:</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Add an account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Mật khẩu mới cho %1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Account %1 created.</source>
        <translation>Đã tạo tài khoản %1.</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>Đã khóa tài khoản %1.</translation>
    </message>
    <message>
        <source>Account %1 enabled.</source>
        <translation>Đã mở lại tài khoản %1.</translation>
    </message>
    <message>
        <source>Add an account…</source>
        <translation>Thêm tài khoản…</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>Change the role</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Cán bộ một cửa</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>Khóa / mở tài khoản</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Đăng nhập gần nhất</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Lãnh đạo</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Đã đổi mật khẩu của %1.</translation>
    </message>
    <message>
        <source>Post-office staff</source>
        <translation>Nhân viên bưu điện</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>Đã đổi vai trò của %1.</translation>
    </message>
    <message>
        <source>Set a new password…</source>
        <translation>Đặt mật khẩu mới…</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>đã khóa</translation>
    </message>
</context>
</TS>
