; desk_app: per-user Windows installer (NSIS 3, Unicode). No administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\desk-app, shortcuts to the user's Start menu and desktop, the uninstaller's entry to HKCU.
; The data stays where platformdirs puts it (%LOCALAPPDATA%\desk-app): installing over an older version keeps it
; (the new version backs the database up before migrating it); the uninstaller keeps it unless the admin ticks
; "Xóa cả dữ liệu".
;
;   makensis -DBUNDLE=dist\desk-app -DVERSION=0.1.0 -DOUTFILE=dist\desk-app-setup-0.1.0.exe packaging\windows\installer.nsi
;
; Code signing (README "Code signing"): -DSIGN="signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /sha1 THUMBPRINT"
; signs the installer and the uninstaller it writes (sign desk-app.exe and desk-app-cli.exe before packing).
;
; BUNDLE is the PyInstaller onedir (packaging/desk_app.spec). This file is UTF-8 with a BOM (Vietnamese text).

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\desk-app"
!endif
!ifndef OUTFILE
  !define OUTFILE "desk-app-setup-${VERSION}.exe"
!endif

!define APP_ID "desk-app"
!define APP_NAME "Một cửa desk_app"
!define PUBLISHER "desk_app"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SHORTCUT_NAME "Một cửa - Tiếp nhận hồ sơ"
!define MENU_DIR "$SMPROGRAMS\${APP_NAME}"

!ifdef SIGN
  !finalize '${SIGN} "%1"' = 0
  !uninstfinalize '${SIGN} "%1"' = 0
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "MIT"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình tiếp nhận và theo dõi hồ sơ thủ tục hành chính tại Bộ phận Một cửa cấp xã.$\r$\n$\r$\nChương trình được cài cho riêng tài khoản Windows này, không cần quyền quản trị. Nếu máy đã có phiên bản cũ, dữ liệu được giữ nguyên và được sao lưu tự động trước khi nâng cấp.$\r$\n$\r$\nHãy đóng ${APP_NAME} (nếu đang mở) rồi bấm Tiếp để tiếp tục."
!define MUI_FINISHPAGE_RUN "$INSTDIR\desk-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME} ngay"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} sẽ được gỡ khỏi máy. Dữ liệu hồ sơ, tệp quét và bản sao lưu được GIỮ LẠI, trừ khi bạn chọn xóa ở bước sau."
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

LangString MSG_RUNNING ${LANG_VIETNAMESE} "${APP_NAME} đang mở. Hãy đóng chương trình (lưu công việc đang làm) rồi bấm Thử lại."
LangString MSG_DATA_KEPT ${LANG_VIETNAMESE} "Dữ liệu vẫn được giữ tại $LOCALAPPDATA\${APP_ID}. Khi cài lại, chương trình sẽ dùng tiếp dữ liệu này."
LangString MSG_DATA_CONFIRM ${LANG_VIETNAMESE} "Bạn đã chọn XÓA TOÀN BỘ dữ liệu (hồ sơ, tệp quét, bản sao lưu) tại $LOCALAPPDATA\${APP_ID}. Việc này không thể hoàn tác. Tiếp tục xóa?"

; The running app holds its files open: renaming its program is refused while it runs.
!macro WaitUntilClosed EXE
  ${If} ${FileExists} "${EXE}"
    ${Do}
      ClearErrors
      Rename "${EXE}" "${EXE}.check"
      ${IfNot} ${Errors}
        Rename "${EXE}.check" "${EXE}"
        ${Break}
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MSG_RUNNING)" IDRETRY +2
      Abort
    ${Loop}
  ${EndIf}
!macroend

Section "Chương trình" SecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro WaitUntilClosed "$INSTDIR\desk-app.exe"
  !insertmacro WaitUntilClosed "$INSTDIR\desk-app-cli.exe"
  ; An upgrade replaces the whole program folder (no stale library of the old version); data lives elsewhere.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "${MENU_DIR}"
  CreateShortcut "${MENU_DIR}\${SHORTCUT_NAME}.lnk" "$INSTDIR\desk-app.exe" "" "$INSTDIR\desk-app.exe" 0 SW_SHOWNORMAL "" "Mở chương trình Một cửa"
  ; A command prompt in the program folder for the admin's commands (backup, restore, verify: README).
  CreateShortcut "${MENU_DIR}\Dòng lệnh quản trị.lnk" "$SYSDIR\cmd.exe" '/k cd /d "$INSTDIR" && desk-app-cli.exe --help' "$INSTDIR\desk-app.exe" 0 SW_SHOWNORMAL "" "Các lệnh sao lưu, khôi phục, kiểm tra dữ liệu"
  CreateShortcut "${MENU_DIR}\Gỡ cài đặt ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${SHORTCUT_NAME}.lnk" "$INSTDIR\desk-app.exe" "" "$INSTDIR\desk-app.exe" 0 SW_SHOWNORMAL "" "Mở chương trình Một cửa"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\desk-app.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "un.Chương trình (giữ dữ liệu)" UnSecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro WaitUntilClosed "$INSTDIR\desk-app.exe"
  Delete "$DESKTOP\${SHORTCUT_NAME}.lnk"
  RMDir /r "${MENU_DIR}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\desk-app.exe"
  Delete "$INSTDIR\desk-app-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Unticked by default: the data goes only when the admin asks, and confirms.
Section /o "un.Xóa cả dữ liệu (hồ sơ, tệp quét, bản sao lưu)" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(MSG_DATA_CONFIRM)" /SD IDNO IDYES +2
  Return
  RMDir /r "$LOCALAPPDATA\${APP_ID}"
SectionEnd

Function un.onGUIEnd
  ${If} ${FileExists} "$LOCALAPPDATA\${APP_ID}\*.*"
    MessageBox MB_OK|MB_ICONINFORMATION "$(MSG_DATA_KEPT)" /SD IDOK
  ${EndIf}
FunctionEnd
