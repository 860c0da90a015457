<#
.SYNOPSIS
  Signs OfferDesk's Windows files with the code-signing certificate, when there is one.
.DESCRIPTION
  Usage: pwsh installer/windows/sign.ps1 FILE [FILE ...]
  Reads the certificate from WINDOWS_CERT_PFX (the .pfx file, base64) and its password from WINDOWS_CERT_PASSWORD.
  When either is missing it says which and exits 0, so the build goes on and ships unsigned (SmartScreen then
  asks the recruiter to confirm: More info, Run anyway).
  Signs with SHA-256 and an RFC 3161 time stamp, so the signature stays valid after the certificate expires.
#>
param(
    [Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)]
    [string[]] $Files
)
$ErrorActionPreference = 'Stop'

$missing = @('WINDOWS_CERT_PFX', 'WINDOWS_CERT_PASSWORD') |
    Where-Object { -not [Environment]::GetEnvironmentVariable($_) }
if ($missing) {
    Write-Host "Skipping the sign step: $($missing -join ', ') not set. The build goes on and ships unsigned."
    exit 0
}

# signtool comes with the Windows SDK, which is not on PATH; take the newest x64 one.
$signtool = Get-Command signtool.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source
if (-not $signtool) {
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    $signtool = Get-ChildItem -Path $kits -Filter signtool.exe -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -eq 'x64' } |
        Sort-Object { $_.Directory.Parent.Name } -Descending |
        Select-Object -First 1 -ExpandProperty FullName
}
if (-not $signtool) {
    Write-Error "signtool.exe was not found: install the Windows SDK's signing tools, or put signtool.exe on PATH."
}

$pfx = Join-Path ([IO.Path]::GetTempPath()) ("offerdesk-signing-" + [Guid]::NewGuid() + ".pfx")
try {
    [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX))
    foreach ($file in $Files) {
        if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
            Write-Error "Nothing to sign at $file."
        }
        & $signtool sign /f $pfx /p $env:WINDOWS_CERT_PASSWORD /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /d OfferDesk $file
        if ($LASTEXITCODE -ne 0) {
            Write-Error "signtool could not sign $file (exit code $LASTEXITCODE)."
        }
    }
}
finally {
    Remove-Item -LiteralPath $pfx -Force -ErrorAction SilentlyContinue
}
