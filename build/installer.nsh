; Enrollment Station uninstaller: station data (the encrypted queue, settings,
; logs) lives in each clerk's profile and may hold enrollments not yet sent, so
; it is deleted only when the person uninstalling says so. A silent uninstall
; (/S) keeps it, and so does the uninstall an update runs.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "Also delete the station data of this Windows account (enrollments not yet sent, settings and logs)?$\r$\n$\r$\nChoose No to keep it for a later reinstall." \
      /SD IDNO IDNO keepStationData
      ; Electron keeps userData per user (%APPDATA%\<product name>) even for a per-machine install.
      ${if} $installMode == "all"
        SetShellVarContext current
      ${endif}
      RMDir /r "$APPDATA\${PRODUCT_NAME}"
      ${if} $installMode == "all"
        SetShellVarContext all
      ${endif}
    keepStationData:
  ${endIf}
!macroend
