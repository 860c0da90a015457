; OfferDesk for Windows: a per-user installer (no administrator rights), built by Inno Setup 6 from the
; PyInstaller folder dist\OfferDesk. Build it with
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\OfferDesk /DIconFile=..\..\build\installer\icons\offerdesk.ico offerdesk.iss
; Relative paths are read from this script's folder.
;
; The recruiter's data never lives in the install folder: OfferDesk keeps it in %LOCALAPPDATA%\OfferDesk
; (database, backups, letters, templates, settings and logs; see src\offerdesk\paths.py). An install or an
; upgrade therefore never touches it, and the uninstaller removes it only when the recruiter says so.

#ifndef AppVersion
  #error Pass the version to build: iscc /DAppVersion=1.2.3 offerdesk.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\OfferDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; The AppId is how Windows and Setup recognise OfferDesk: an upgrade finds the earlier install by it.
; Never change it, or a new version installs beside the old one instead of over it.
AppId={{38723E5B-2EA2-4468-9FAB-AA9DB1397113}
AppName=OfferDesk
AppVersion={#AppVersion}
AppPublisher=OfferDesk
; Without administrator rights {autopf} is the user's own %LOCALAPPDATA%\Programs folder.
PrivilegesRequired=lowest
DefaultDirName={autopf}\OfferDesk
DisableProgramGroupPage=yes
UninstallDisplayName=OfferDesk
UninstallDisplayIcon={app}\offerdesk-gui.exe
OutputDir={#OutputDir}
OutputBaseFilename=OfferDesk-{#AppVersion}-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The bundle holds 64-bit binaries only (Qt 6 needs Windows 10 1809 or later).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
; An upgrade replaces files a running OfferDesk holds open: Setup offers to close it first.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Only the previous version's libraries go, so a library the new version no longer ships cannot linger and be
; loaded by mistake. The recruiter's data is elsewhere (%LOCALAPPDATA%\OfferDesk) and is never touched here.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole bundle: offerdesk-gui.exe (the window), offerdesk.exe (the command line, no shortcut) and _internal.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\OfferDesk"; Filename: "{app}\offerdesk-gui.exe"
Name: "{autodesktop}\OfferDesk"; Filename: "{app}\offerdesk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\offerdesk-gui.exe"; Description: "{cm:LaunchProgram,OfferDesk}"; Flags: nowait postinstall skipifsilent

[Code]
// Where OfferDesk keeps the recruiter's data: platformdirs' user data folder for "OfferDesk" without an
// author part, i.e. %LOCALAPPDATA%\OfferDesk (the settings and the Logs folder live inside it too).
function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\OfferDesk');
end;

// The data stays unless the recruiter asks, in a question whose default answer (Enter) is No.
// A silent uninstall (an administrator's script, /SILENT or /VERYSILENT) asks nothing and keeps the data.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if UninstallSilent() then
    Exit;
  DataDir := UserDataDir();
  if not DirExists(DataDir) then
    Exit;
  if MsgBox('Also delete your OfferDesk data (candidates, offers, letters) in ' + DataDir + '?' + #13#10#13#10 +
            'A backup is not kept.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if not DelTree(DataDir, True, True, True) then
      MsgBox('Some of your OfferDesk data could not be deleted; what is left is in ' + DataDir + '.',
             mbError, MB_OK);
  end;
end;
