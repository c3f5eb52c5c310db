<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
    <name>GuiContext</name>
    <message>
        <source>Something went wrong and the action was not completed. Please try again; if it happens again, tell your IT support.</source>
        <translation>Đã xảy ra lỗi, thao tác chưa được thực hiện. Hãy thử lại; nếu vẫn lỗi, hãy báo cho cán bộ phụ trách công nghệ thông tin.</translation>
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
        <source>desk_app %1: the front desk of the one-stop counter.
F5: refresh · Ctrl+F: search · Alt+1…9: pages · Ctrl+Q: quit. Data: %2</source>
        <translation>desk_app %1: phần mềm tiếp nhận và trả kết quả của Bộ phận Một cửa.
F5: làm mới · Ctrl+F: tìm kiếm · Alt+1…9: chuyển trang · Ctrl+Q: thoát. Dữ liệu: %2</translation>
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
    <name>Pages</name>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
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
        <source>Hotline</source>
        <translation>Đường dây nóng</translation>
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
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
    <message>
        <source>Slip paper size</source>
        <translation>Khổ giấy phiếu hẹn</translation>
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
</TS>
