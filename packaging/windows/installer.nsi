; 党建工作台 installer, built on Linux by packaging/windows/build.sh with
; Debian's makensis (NSIS 3.08):
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.1 \
;            -DSTAGE=build/windows/stage -DOUTFILE=dist/dangjian-setup-0.1.0.exe \
;            [-DSIGN_SCRIPT=/abs/path/sign.sh] packaging/windows/installer.nsi
;
; What it does:
; - installs for the current user only, into %LOCALAPPDATA%\Programs\党建工作台,
;   never asking for administrator rights (RequestExecutionLevel user, HKCU only);
; - a Start-menu shortcut, and a desktop shortcut unless unticked (or /NODESKTOP);
; - an add/remove-programs entry under HKCU;
; - upgrades in place: a second run finds the earlier installation (its
;   folder and version from the HKCU entry), replaces the program files and
;   leaves the user's data alone;
; - the uninstaller removes only the files it installed, never the data in
;   %APPDATA%\dangjian (nor a data folder a user made portable), and says so.
;
; Silent use for IT staff:  dangjian-setup-X.exe /S [/NODESKTOP] [/D=C:\path]
;                           uninstall.exe /S
; Exit code 0 = installed, 1 = cancelled, 2 = aborted (e.g. program still running).

Unicode true
Target amd64-unicode        ; the program is 64-bit only; also runs on wine64 without wine32
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user  ; per-user install: no UAC prompt, no admin rights
!ifdef SIGN_SCRIPT
  ; Sign the uninstaller as it is written and the finished installer.
  !uninstfinalize '"${SIGN_SCRIPT}" "%1"' = 0
  !finalize '"${SIGN_SCRIPT}" "%1"' = 0
!endif

!ifndef VERSION | VERSION4 | STAGE | OUTFILE
  !error "build with packaging/windows/build.sh (needs -DVERSION -DVERSION4 -DSTAGE -DOUTFILE)"
!endif

!define APPNAME    "党建工作台"
!define APPID      "cn.dangjian.workbench"
!define PUBLISHER  "党建工作台"
!define EXE        "dangjian.exe"
!define CLI        "dangjian-cli.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define STATE_KEY  "Software\dangjian"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WordFunc.nsh"
!include "Sections.nsh"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

Var OldVersion   ; version found installed, "" if none
Var UpgradeNote  ; shown on the welcome page

; ---------------------------------------------------------------- pages
!define MUI_ICON   "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT  "$(WelcomeText)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!define MUI_FINISHPAGE_TEXT_LARGE
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UnConfirmText)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "$(UnFinishTitle)"
!define MUI_FINISHPAGE_TEXT "$(UnFinishText)"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

; ---------------------------------------------------------------- texts
LangString WelcomeTitle ${LANG_SIMPCHINESE} "欢迎安装党建工作台 ${VERSION}"
LangString WelcomeText ${LANG_SIMPCHINESE} "党建工作台是基层党组织的台账软件：组织架构、党员档案、“三会一课”等，数据全部保存在本机。$\r$\n$\r$\n本程序只为当前 Windows 用户安装，安装在您自己的用户目录中，不需要管理员权限，也不需要联网。$\r$\n$\r$\n$UpgradeNote点击“下一步”继续。"
LangString UpgradeText ${LANG_SIMPCHINESE} "检测到本机已安装党建工作台 $OldVersion，将升级为 ${VERSION}。已有的数据（$APPDATA\dangjian）保持不变，新版本第一次打开时会自动备份后再升级数据。$\r$\n$\r$\n"
LangString ReinstallText ${LANG_SIMPCHINESE} "本机已安装党建工作台 ${VERSION}，继续将重新安装程序文件，数据保持不变。$\r$\n$\r$\n"
LangString DowngradeAsk ${LANG_SIMPCHINESE} "本机已安装较新的党建工作台 $OldVersion，本安装程序是较旧的 ${VERSION}。$\r$\n$\r$\n较旧的程序可能无法打开较新版本保存的数据。确定要换成旧版本吗？"
LangString StillRunning ${LANG_SIMPCHINESE} "党建工作台（或其命令行工具）正在运行，无法替换程序文件。$\r$\n$\r$\n请先关闭党建工作台（注意保存正在编辑的内容），然后点“重试”。"
LangString SecMainName ${LANG_SIMPCHINESE} "党建工作台（必需）"
LangString SecMainDesc ${LANG_SIMPCHINESE} "党建工作台程序、命令行工具 dangjian-cli 和“开始”菜单快捷方式。"
LangString SecDesktopName ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktopDesc ${LANG_SIMPCHINESE} "在桌面上放一个党建工作台的快捷方式。"
LangString FinishText ${LANG_SIMPCHINESE} "党建工作台 ${VERSION} 已安装完成，可以从“开始”菜单打开。$\r$\n$\r$\n数据（数据库、自动备份、打印的 PDF）保存在 %APPDATA%\dangjian 文件夹，卸载时不会删除。请定期在“系统设置 → 备份与恢复”中备份到 U 盘。"
LangString DataKept ${LANG_SIMPCHINESE} "数据保存在 $APPDATA\dangjian，安装和卸载都不会改动它。"
LangString UnConfirmText ${LANG_SIMPCHINESE} "将删除党建工作台程序及其快捷方式。您的数据（数据库、备份、打印的文件）不会删除，仍保留在 $APPDATA\dangjian 中，重新安装后可继续使用。"
LangString UnFinishTitle ${LANG_SIMPCHINESE} "党建工作台已卸载"
LangString UnFinishText ${LANG_SIMPCHINESE} "程序已从本机删除。$\r$\n$\r$\n您的数据仍保留在：$\r$\n$APPDATA\dangjian$\r$\n$\r$\n重新安装党建工作台后即可继续使用这些数据。如果确实不再需要，可以手动删除该文件夹（删除前请先备份）。"
LangString UnKeptFolder ${LANG_SIMPCHINESE} "程序文件夹中还有其他文件（例如便携模式的 data 文件夹），已保留：$INSTDIR"
LangString RunNow ${LANG_SIMPCHINESE} "现在打开党建工作台"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "界面与打印字体：文泉驿微米黑，Apache License 2.0"

; ---------------------------------------------------------------- helpers
; Refuses to go on while the program runs (a running program cannot be
; replaced or removed on Windows): asks to close it and retry. Two signs: the
; workbench's window (title 党建工作台), or an exe that cannot be opened for
; writing (Windows' loader holds it; Wine does not, hence the window test).
; ($2 collects the verdict: LogicLib's ${Errors} test clears the error flag.)
!macro CHECK_WRITABLE file
  ${If} ${FileExists} "${file}"
    ClearErrors
    FileOpen $0 "${file}" a
    ${If} ${Errors}
      StrCpy $2 1
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
!macroend
!macro CHECK_NOT_RUNNING un
Function ${un}CheckNotRunning
  retry:
  StrCpy $2 0
  FindWindow $1 "" "${APPNAME}"
  ${If} $1 != 0
    StrCpy $2 1
  ${EndIf}
  !insertmacro CHECK_WRITABLE "$INSTDIR\${EXE}"
  !insertmacro CHECK_WRITABLE "$INSTDIR\${CLI}"
  ${If} $2 == 1
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

; ---------------------------------------------------------------- install
Section "!$(SecMainName)" SecMain
  SectionIn RO
  Call CheckNotRunning
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${STAGE}\${EXE}"
  File "${STAGE}\${CLI}"
  File "${STAGE}\LICENSE-wqy-microhei.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APPNAME}"

  WriteRegStr   HKCU "${UNINST_KEY}" "DisplayName"          "${APPNAME}"
  WriteRegStr   HKCU "${UNINST_KEY}" "DisplayVersion"       "${VERSION}"
  WriteRegStr   HKCU "${UNINST_KEY}" "Publisher"            "${PUBLISHER}"
  WriteRegStr   HKCU "${UNINST_KEY}" "DisplayIcon"          "$INSTDIR\${EXE},0"
  WriteRegStr   HKCU "${UNINST_KEY}" "InstallLocation"      "$INSTDIR"
  WriteRegStr   HKCU "${UNINST_KEY}" "UninstallString"      '"$INSTDIR\uninstall.exe"'
  WriteRegStr   HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${STATE_KEY}" "DesktopShortcut" 0
  DetailPrint "$(DataKept)"
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APPNAME}"
  WriteRegDWORD HKCU "${STATE_KEY}" "DesktopShortcut" 1
SectionEnd

; An upgrade without the desktop box ticked removes a shortcut left by an
; earlier version (the user chose against it this time).
Section "-NoDesktop"
  ${IfNot} ${SectionIsSelected} ${SecDesktop}
    Delete "$DESKTOP\${APPNAME}.lnk"
  ${EndIf}
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "$(SecMainDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  SetShellVarContext current
  StrCpy $UpgradeNote ""
  ReadRegStr $OldVersion HKCU "${UNINST_KEY}" "DisplayVersion"
  ${If} $OldVersion != ""
    ${VersionCompare} "$OldVersion" "${VERSION}" $0 ; 0 same, 1 installed is newer, 2 this is newer
    ${If} $0 == 1
      MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(DowngradeAsk)" /SD IDNO IDYES downgrade
      SetErrorLevel 1
      Quit
      downgrade:
    ${ElseIf} $0 == 2
      StrCpy $UpgradeNote "$(UpgradeText)"
    ${Else}
      StrCpy $UpgradeNote "$(ReinstallText)"
    ${EndIf}
    ; Keep the earlier choice about the desktop shortcut.
    ReadRegDWORD $1 HKCU "${STATE_KEY}" "DesktopShortcut"
    ${If} $1 == "0"
      !insertmacro UnselectSection ${SecDesktop}
    ${EndIf}
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- uninstall
Section "Uninstall"
  Call un.CheckNotRunning
  ; Only what the installer put there: never a recursive delete, so the
  ; data (in %APPDATA%\dangjian, or a portable data folder placed here by
  ; the user) survives.
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\LICENSE-wqy-microhei.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} ${FileExists} "$INSTDIR\*.*"
    DetailPrint "$(UnKeptFolder)"
  ${EndIf}
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${STATE_KEY}"
  DetailPrint "$(DataKept)"
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd
