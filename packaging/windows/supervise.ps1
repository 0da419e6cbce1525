# Supervisor of the ServiceHall terminal on Windows, started at logon by the scheduled
# task servicehall-terminal-task.xml. Starts ServiceHall.exe and starts it again
# whenever it ends (crash, native crash, or exit), except:
#   exit code 3  the app gave up after too many crashes within an hour (its own cap)
#   -MaxPerHour  starts within an hour: the loop stops instead of spinning
# SERVICEHALL_SUPERVISOR tells the app not to relaunch itself (this loop does it).
param(
  [string]$Exe = (Join-Path $PSScriptRoot '..\..\..\ServiceHall.exe'),
  [int]$MaxPerHour = 20,
  [int]$DelaySeconds = 5
)
$GiveUpExitCode = 3
$env:SERVICEHALL_SUPERVISOR = 'windows-task'
$starts = New-Object System.Collections.Generic.List[datetime]
while ($true) {
  $now = Get-Date
  $starts = [System.Collections.Generic.List[datetime]]@($starts | Where-Object { $_ -gt $now.AddHours(-1) })
  if ($starts.Count -ge $MaxPerHour) {
    Write-Error "ServiceHall terminal: $MaxPerHour starts within an hour; not restarting it again."
    exit 1
  }
  $starts.Add($now)
  $process = Start-Process -FilePath $Exe -PassThru
  $process.WaitForExit()
  if ($process.ExitCode -eq $GiveUpExitCode) { exit $GiveUpExitCode }
  Start-Sleep -Seconds $DelaySeconds
}
