; Inno Setup 6 script: a per-user installer for the PyInstaller bundle in dist\switchboard.
;   pyinstaller --noconfirm build.spec
;   iscc /DAppVersion=0.1.0 installer\windows\switchboard.iss   -> dist\switchboard-0.1.0-setup.exe
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{F14EE9A1-C0E4-470D-9AB0-735F68025760}
AppName=Switchboard
AppVersion={#AppVersion}
AppPublisher=Switchboard developers
DefaultDirName={autopf}\Switchboard
DisableProgramGroupPage=yes
; No admin rights: installs for the current user (Program Files only if the user picks "all users").
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=switchboard-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app\switchboard.ico
UninstallDisplayIcon={app}\switchboard.exe
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "Start Switchboard when I log in"; Flags: unchecked
Name: "path"; Description: "Add the switchboard command to PATH (for cmd and PowerShell)"

[Files]
Source: "..\..\dist\switchboard\*"; DestDir: "{app}"; Excludes: "switchboard-console.exe"; Flags: ignoreversion recursesubdirs createallsubdirs
; The console twin: `switchboard` typed in a console finds .com before .exe (PATHEXT).
Source: "..\..\dist\switchboard\switchboard-console.exe"; DestDir: "{app}"; DestName: "switchboard.com"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\Switchboard"; Filename: "{app}\switchboard.exe"
Name: "{autodesktop}\Switchboard"; Filename: "{app}\switchboard.exe"; Tasks: desktopicon

[Registry]
; The value `switchboard autostart enable` writes, so the app and the installer agree on it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "Switchboard"; ValueData: """{app}\switchboard.exe"""; Flags: uninsdeletevalue; Tasks: autostart
; Uninstalling also removes the value when the app itself added it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "Switchboard"; Flags: uninsdeletevalue

; The user's PATH gets the install folder (once); uninstalling takes it out again.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsPath(ExpandConstant('{app}')); Tasks: path

[Run]
Filename: "{app}\switchboard.exe"; Description: "{cm:LaunchProgram,Switchboard}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: string;
  At: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    exit;
  Dir := ExpandConstant('{app}');
  At := Pos(';' + Uppercase(Dir), Uppercase(Path));
  if At > 0 then
  begin
    Delete(Path, At, Length(Dir) + 1);
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
  end;
end;
