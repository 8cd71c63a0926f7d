//! The kit's Windows PowerShell scripts: `test-NODE.ps1` (TCP connections with a timeout by
//! `System.Net.Sockets.TcpClient.ConnectAsync`, STUN binding requests by `UdpClient`) and
//! `listen-NODE.ps1` (`TcpListener`s and a STUN responder). .NET classes rather than cmdlets:
//! `Test-NetConnection` has no timeout and is missing before Windows Server 2012 R2. Data is
//! one quoted line per probe of ids, addresses and numbers only.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Head, Probe, STUN_PORT, Untested, probe_items, skipped_items};

fn header(out: &mut String, head: &Head<'_>, what: &str) {
    let _ = writeln!(out, "# Lync Port Planner port-test kit: plan {}", head.plan);
    let _ = writeln!(out, "# {what} node {} ({})", head.node, head.label);
    out.push_str(
        "# Windows PowerShell 3.0 or later (.NET 4.5); no module. README.txt explains the kit.\n",
    );
}

/// The test script of one source node.
pub(super) fn test(head: &Head<'_>, probes: &[&Probe], skipped: &[&Untested]) -> String {
    let mut out = String::new();
    header(&mut out, head, "Tests from");
    let _ = writeln!(
        out,
        "# Run it on each server of the node (a node of networks: on a host in them), e.g.\n\
         # powershell -ExecutionPolicy Bypass -File .\\test-{}.ps1. One results row per probe.",
        head.node
    );
    let _ = writeln!(
        out,
        "[CmdletBinding()]\nparam(\n    [string]$Results = \"results-test-{}-$($env:COMPUTERNAME).csv\",\n    [int]$TimeoutMs = 3000\n)",
        head.node
    );
    out.push_str("Set-StrictMode -Version 2.0\n$ErrorActionPreference = 'Stop'\n\n");
    let _ = writeln!(out, "$Source = '{}'", head.node);
    out.push_str("# rule id, destination node, address, transport, port\n$Tests = @(\n");
    for item in probe_items(probes) {
        let _ = writeln!(out, "    '{item}'");
    }
    out.push_str(")\n# Not testable from here: rule id, destination node, why\n$Skipped = @(\n");
    for item in skipped_items(skipped) {
        let _ = writeln!(out, "    '{item}'");
    }
    out.push_str(")\n");
    out.push_str(TEST_CODE);
    out
}

const TEST_CODE: &str = r#"
function Get-Reason {
    param($Exception)
    $e = $Exception
    while ($null -ne $e.InnerException) { $e = $e.InnerException }
    if ($e -is [System.Net.Sockets.SocketException]) {
        if ($e.SocketErrorCode -eq 'ConnectionRefused' -or $e.SocketErrorCode -eq 'ConnectionReset') {
            return @('closed', 'refused: nothing listens or a firewall rejects')
        }
        if ($e.SocketErrorCode -eq 'TimedOut') { return @('timeout', 'no answer') }
        return @('closed', [string]$e.SocketErrorCode)
    }
    return @('closed', $e.GetType().Name)
}

function Test-Tcp {
    param([string]$Address, [int]$Port)
    $ip = [System.Net.IPAddress]::Parse($Address)
    $client = New-Object -TypeName System.Net.Sockets.TcpClient -ArgumentList $ip.AddressFamily
    try {
        $task = $client.ConnectAsync($ip, $Port)
        if (-not $task.Wait($TimeoutMs)) { return @('timeout', "no answer in $TimeoutMs ms") }
        return @('open', 'connected')
    } catch {
        return Get-Reason $_.Exception
    } finally {
        $client.Close()
    }
}

# A STUN binding request (RFC 5389): type 0x0001, length 0, the magic cookie 0x2112A442 and a
# random 96-bit transaction id; a binding success response (0x0101) with that id passes.
function Test-Stun {
    param([string]$Address, [int]$Port)
    $ip = [System.Net.IPAddress]::Parse($Address)
    $udp = New-Object -TypeName System.Net.Sockets.UdpClient -ArgumentList $ip.AddressFamily
    try {
        $udp.Client.ReceiveTimeout = $TimeoutMs
        $udp.Connect($ip, $Port)
        $id = New-Object -TypeName byte[] -ArgumentList 12
        [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($id)
        [byte[]]$request = @(0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42) + $id
        [void]$udp.Send($request, $request.Length)
        $want = [System.BitConverter]::ToString($id)
        $deadline = (Get-Date).AddMilliseconds($TimeoutMs)
        while ((Get-Date) -lt $deadline) {
            $from = New-Object -TypeName System.Net.IPEndPoint -ArgumentList $ip, 0
            $answer = $udp.Receive([ref]$from)
            if ($answer.Length -ge 20 -and $answer[0] -eq 0x01 -and $answer[1] -eq 0x01 -and
                [System.BitConverter]::ToString($answer, 8, 12) -eq $want) {
                return @('open', 'binding response')
            }
        }
        return @('no_answer', "no binding response in $TimeoutMs ms")
    } catch {
        $reason = Get-Reason $_.Exception
        if ($reason[0] -eq 'timeout') { return @('no_answer', "no binding response in $TimeoutMs ms") }
        return $reason
    } finally {
        $udp.Close()
    }
}

function New-Row {
    param([string]$Rule, [string]$Destination, [string]$Address, [string]$Transport,
        [string]$Port, [string]$Result, [string]$Detail)
    New-Object -TypeName PSObject -Property ([ordered]@{
        rule_id = $Rule; source_node = $Source; destination_node = $Destination
        source_host = $env:COMPUTERNAME; address = $Address; transport = $Transport; port = $Port
        result = $Result; detail = $Detail
        tested_at = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
    })
}

$rows = New-Object -TypeName System.Collections.Generic.List[object]
$failed = 0
foreach ($line in $Tests) {
    $rule, $destination, $address, $transport, $port = $line -split ' '
    if ($transport -eq 'udp') { $r = Test-Stun $address ([int]$port) } else { $r = Test-Tcp $address ([int]$port) }
    if ($r[0] -ne 'open') { $failed++ }
    $rows.Add((New-Row $rule $destination $address $transport $port $r[0] $r[1]))
    Write-Host ('{0,-9} {1} {2} {3} {4}' -f $r[0], $address, $transport, $port, $rule)
}
foreach ($line in $Skipped) {
    $rule, $destination, $why = $line -split ' ', 3
    $rows.Add((New-Row $rule $destination '' '' '' 'skipped' $why))
}
$rows | Export-Csv -Path $Results -NoTypeInformation -Encoding UTF8
Write-Host ('{0} probe(s), {1} failed; results in {2}' -f $Tests.Count, $failed, $Results)
if ($failed -gt 0) { exit 1 }
"#;

/// The listener script of one destination node.
pub(super) fn listen(head: &Head<'_>, tcp: &BTreeSet<u16>, stun: bool) -> String {
    let mut out = String::new();
    header(&mut out, head, "Listens for the tests of");
    out.push_str(
        "# Run it on each server of the node before Lync is installed (Lync's own services use\n\
         # these ports: stop it before Lync runs). Allow the ports in Windows Firewall meanwhile.\n",
    );
    out.push_str("[CmdletBinding()]\nparam(\n    [int]$Seconds = 3600\n)\n");
    out.push_str("Set-StrictMode -Version 2.0\n$ErrorActionPreference = 'Stop'\n\n");
    let ports: Vec<String> = tcp.iter().map(u16::to_string).collect();
    let _ = writeln!(out, "$TcpPorts = @({})", ports.join(", "));
    let _ = writeln!(
        out,
        "$StunPort = {}",
        if stun {
            STUN_PORT.to_string()
        } else {
            "0".to_owned()
        }
    );
    out.push_str(LISTEN_CODE);
    out
}

const LISTEN_CODE: &str = r#"
$any = [System.Net.IPAddress]::IPv6Any
$listeners = New-Object -TypeName System.Collections.Generic.List[object]
foreach ($port in $TcpPorts) {
    $listener = New-Object -TypeName System.Net.Sockets.TcpListener -ArgumentList $any, $port
    $listener.Server.DualMode = $true
    $listener.Start()
    $listeners.Add($listener)
}
$udp = $null
if ($StunPort -gt 0) {
    $udp = New-Object -TypeName System.Net.Sockets.UdpClient -ArgumentList ([System.Net.Sockets.AddressFamily]::InterNetworkV6)
    $udp.Client.DualMode = $true
    $udp.Client.Bind((New-Object -TypeName System.Net.IPEndPoint -ArgumentList $any, $StunPort))
}

# A binding success response with the request's transaction id and XOR-MAPPED-ADDRESS.
function New-StunAnswer {
    param([byte[]]$Request, [System.Net.IPEndPoint]$From)
    $address = $From.Address
    if ($address.IsIPv4MappedToIPv6) { $address = $address.MapToIPv4() }
    $raw = $address.GetAddressBytes()
    $family = 2
    if ($raw.Length -eq 4) { $family = 1 }
    $port = $From.Port -bxor 0x2112
    $attribute = New-Object -TypeName System.Collections.Generic.List[byte]
    $attribute.AddRange([byte[]]@(0x00, 0x20, 0x00, (4 + $raw.Length), 0x00, $family, ($port -shr 8), ($port -band 0xFF)))
    for ($i = 0; $i -lt $raw.Length; $i++) {
        $xored = [byte]($raw[$i] -bxor $Request[4 + $i])
        $attribute.Add($xored)
    }
    $answer = New-Object -TypeName System.Collections.Generic.List[byte]
    $answer.AddRange([byte[]]@(0x01, 0x01, 0x00, $attribute.Count))
    for ($i = 4; $i -lt 20; $i++) { $answer.Add($Request[$i]) }
    $answer.AddRange($attribute)
    return , $answer.ToArray()
}

Write-Host ('listening on TCP {0}{1} for {2} s' -f ($TcpPorts -join ', '), $(if ($udp) { " and STUN on UDP $StunPort" } else { '' }), $Seconds)
$deadline = (Get-Date).AddSeconds($Seconds)
try {
    while ((Get-Date) -lt $deadline) {
        foreach ($listener in $listeners) {
            while ($listener.Pending()) { $listener.AcceptTcpClient().Close() }
        }
        while ($null -ne $udp -and $udp.Available -gt 0) {
            $from = New-Object -TypeName System.Net.IPEndPoint -ArgumentList $any, 0
            try { $request = $udp.Receive([ref]$from) } catch { continue }
            if ($request.Length -ge 20 -and $request[0] -eq 0x00 -and $request[1] -eq 0x01 -and
                $request[4] -eq 0x21 -and $request[5] -eq 0x12 -and $request[6] -eq 0xA4 -and $request[7] -eq 0x42) {
                $answer = New-StunAnswer $request $from
                [void]$udp.Send($answer, $answer.Length, $from)
            }
        }
        Start-Sleep -Milliseconds 20
    }
} finally {
    foreach ($listener in $listeners) { $listener.Stop() }
    if ($null -ne $udp) { $udp.Close() }
}
"#;
