# Lync Port Planner: Windows Firewall rules for plan Scaled consolidated Edge with hardware load balancers
# Product: Lync Server 2013
# Catalog lync-2013@2026.12.3. Every rule is an Allow rule named LPP-... in group 'Lync Port Planner'.
# Run the whole script on each server of the plan, in an elevated PowerShell: a block runs
# only on the computer it names ($env:COMPUTERNAME, any case) and skips the others.
# Running it again changes nothing: each rule is removed and added again by its -Name, and
# rules of the group the plan no longer has are removed.
# -Profile Domain on internal servers (domain members), Any on the others (a perimeter server
# is usually in a workgroup, its networks Public or Private). A load balancer's VIP traffic is
# allowed on each member; if the load balancer translates the source (SNAT), allow its own
# address instead of -RemoteAddress.
#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'
$group = 'Lync Port Planner'
$store = @{ PolicyStore = 'PersistentStore' }
$matched = $false

# ---- Not written as Windows Firewall rules (each says why)
# edge-any-sip-5061:edge>any | SIP/MTLS tcp/5061
# Not a host rule (a load balancer VIP, a network or Any on both ends): configure it on the network firewall.
# edgevip-any-stun-443:edge>any | STUN/MSTURN tcp/443
# Not a host rule (a load balancer VIP, a network or Any on both ends): configure it on the network firewall.

# ---- Edge pool: edge01
if ($env:COMPUTERNAME -ieq 'edge01') {
    $matched = $true
    $names = @(
        'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out'
        'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out'
        'LPP-edge-any-http-80.edge.any-a91360cc-out'
        'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out'
        'LPP-edge-any-stun-3478.edge.any-2151ca2f-out'
        'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out'
        'LPP-any-edge-psom-443.any.edge-0b784821-in'
        'LPP-any-edge-sip-443.any.edge-3db32cbc-in'
        'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in'
        'LPP-any-edgevip-stun-443-ext.any.edge-dcf909ae-in'
        'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in'
        'LPP-any-edgevip-stun-3478-ext.any.edge-eb291066-in'
        'LPP-any-edge-sip-5061.any.edge-c2a8016f-in'
        'LPP-any-edge-stun-443.any.edge-00c9294f-in'
        'LPP-any-edgevip-stun-443.any.edge-180aa7b4-in'
        'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in'
        'LPP-any-edgevip-stun-3478.any.edge-4e9a49b4-in'
        'LPP-fe-edge-https-4443.fe.edge-7c59375b-in'
        'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in'
        'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in'
        'LPP-fe-edge-psom-8057.fe.edge-84e96292-in'
        'LPP-any-edge-cls-50001.any.edge-a9e46259-in'
        'LPP-any-edge-cls-50002.any.edge-57743a07-in'
        'LPP-any-edge-cls-50003.any.edge-3591c834-in'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # edge-any-dns-53-tcp:edge>any | DNS tcp/53: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out' -DisplayName 'Lync edge-any-dns-53-tcp:edge>any' -Group $group -Description 'DNS queries over TCP from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '53' -LocalAddress '198.51.100.21' -RemoteAddress Any
    # edge-any-dns-53-udp:edge>any | DNS udp/53: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out' -DisplayName 'Lync edge-any-dns-53-udp:edge>any' -Group $group -Description 'DNS queries over UDP from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol UDP -RemotePort '53' -LocalAddress '198.51.100.21' -RemoteAddress Any
    # edge-any-http-80:edge>any | HTTP tcp/80: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-http-80.edge.any-a91360cc-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-http-80.edge.any-a91360cc-out' -DisplayName 'Lync edge-any-http-80:edge>any' -Group $group -Description 'Certificate revocation list checks and retrieval from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '198.51.100.21' -RemoteAddress Any
    # edge-any-stun-443:edge>any | STUN/MSTURN tcp/443: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out' -DisplayName 'Lync edge-any-stun-443:edge>any' -Group $group -Description 'STUN/TURN candidate negotiation over TCP from each A/V Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # edge-any-stun-3478:edge>any | STUN/MSTURN udp/3478: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-stun-3478.edge.any-2151ca2f-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-stun-3478.edge.any-2151ca2f-out' -DisplayName 'Lync edge-any-stun-3478:edge>any' -Group $group -Description 'Outbound 3478 detects the remote Edge version and carries Edge-to-Edge media: federation with Lync Server 2010, Windows Live Messenger, OCS 2007 R2, and several Edge pools. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol UDP -RemotePort '3478' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # edge-any-rtp-50000-tcp:edge>any | RTP tcp/50000-59999: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out' -DisplayName 'Lync edge-any-rtp-50000-tcp:edge>any' -Group $group -Description 'Outbound media from each A/V Edge address; needed to federate with partners on OCS 2007, OCS 2007 R2, Lync Server 2010 and 2013. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '50000-59999' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # any-edge-psom-443:any>edge | PSOM/TLS tcp/443: Any -> Edge pool VIP 198.51.100.11, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-psom-443.any.edge-0b784821-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-psom-443.any.edge-0b784821-in' -DisplayName 'Lync any-edge-psom-443:any>edge' -Group $group -Description 'Web conferencing media from external users. (Any -> Edge pool VIP 198.51.100.11, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.22' -RemoteAddress Any
    # any-edge-sip-443:any>edge | SIP/TLS tcp/443: Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-sip-443.any.edge-3db32cbc-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-sip-443.any.edge-3db32cbc-in' -DisplayName 'Lync any-edge-sip-443:any>edge' -Group $group -Description 'Client-to-server SIP for remote users. (Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.21' -RemoteAddress Any
    # any-edge-stun-443-ext:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in' -DisplayName 'Lync any-edge-stun-443-ext:any>edge' -Group $group -Description 'STUN/TURN candidate negotiation over TCP to each A/V Edge address. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # any-edgevip-stun-443-ext:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443-ext.any.edge-dcf909ae-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443-ext.any.edge-dcf909ae-in' -DisplayName 'Lync any-edgevip-stun-443-ext:any>edge' -Group $group -Description 'With hardware load balancing the A/V Edge VIP takes candidate negotiation over TCP. (Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # any-edge-stun-3478-ext:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in' -DisplayName 'Lync any-edge-stun-3478-ext:any>edge' -Group $group -Description 'STUN/TURN candidate negotiation over UDP to each A/V Edge address. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # any-edgevip-stun-3478-ext:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478-ext.any.edge-eb291066-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478-ext.any.edge-eb291066-in' -DisplayName 'Lync any-edgevip-stun-3478-ext:any>edge' -Group $group -Description 'With hardware load balancing the A/V Edge VIP takes candidate negotiation over UDP. (Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '198.51.100.23' -RemoteAddress Any
    # any-edge-sip-5061:any>edge | SIP/MTLS tcp/5061: Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-sip-5061.any.edge-c2a8016f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-sip-5061.any.edge-c2a8016f-in' -DisplayName 'Lync any-edge-sip-5061:any>edge' -Group $group -Description 'Inbound SIP for federation and public IM connectivity. (Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '198.51.100.21' -RemoteAddress Any
    # any-edge-stun-443:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-443.any.edge-00c9294f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-443.any.edge-00c9294f-in' -DisplayName 'Lync any-edge-stun-443:any>edge' -Group $group -Description 'Fallback A/V path when UDP fails; TCP also carries file transfer and desktop sharing. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.18.10.21' -RemoteAddress Any
    # any-edgevip-stun-443:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443.any.edge-180aa7b4-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443.any.edge-180aa7b4-in' -DisplayName 'Lync any-edgevip-stun-443:any>edge' -Group $group -Description 'With hardware load balancing the internal VIP also takes A/V media over TCP. Microsoft''s rows say Any. (Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.18.10.21' -RemoteAddress Any
    # any-edge-stun-3478:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in' -DisplayName 'Lync any-edge-stun-3478:any>edge' -Group $group -Description 'Preferred path for A/V media between internal and external users. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.18.10.21' -RemoteAddress Any
    # any-edgevip-stun-3478:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478.any.edge-4e9a49b4-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478.any.edge-4e9a49b4-in' -DisplayName 'Lync any-edgevip-stun-3478:any>edge' -Group $group -Description 'With hardware load balancing the internal VIP also takes A/V media candidates. Microsoft''s rows say Any. (Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.18.10.21' -RemoteAddress Any
    # fe-edge-https-4443:fe>edge | HTTPS tcp/4443: Front End pool -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-https-4443.fe.edge-7c59375b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-https-4443.fe.edge-7c59375b-in' -DisplayName 'Lync fe-edge-https-4443:fe>edge' -Group $group -Description 'Replication of Central Management store changes from the Front End that holds the CMS to each Edge. Not the reverse proxy''s 4443. It reaches every such server of the deployment, in any site, linked on the canvas or not. (Front End pool -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '172.18.10.21' -RemoteAddress '10.30.30.11','10.30.30.12'
    # fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061: Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in' -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group $group -Description 'SIP from the Front End pool to the Edge internal interface. With a hardware load balanced Edge pool, the Lync Server 2013 page sends it to the internal VIP and the Skype for Business Server page to each Edge Server. (Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '172.18.10.21' -RemoteAddress '10.30.30.11','10.30.30.12'
    # fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062: Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in' -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group $group -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5062' -LocalAddress '172.18.10.21' -RemoteAddress '10.30.30.11','10.30.30.12'
    # fe-edge-psom-8057:fe>edge | PSOM/MTLS tcp/8057: Front End pool -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-psom-8057.fe.edge-84e96292-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-psom-8057.fe.edge-84e96292-in' -DisplayName 'Lync fe-edge-psom-8057:fe>edge' -Group $group -Description 'Web conferencing traffic from each Front End Server to each Edge internal interface; a load balancer never carries it. (Front End pool -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '172.18.10.21' -RemoteAddress '10.30.30.11','10.30.30.12'
    # any-edge-cls-50001:any>edge | MTLS tcp/50001: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50001.any.edge-a9e46259-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50001.any.edge-a9e46259-in' -DisplayName 'Lync any-edge-cls-50001:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '172.18.10.21' -RemoteAddress Any
    # any-edge-cls-50002:any>edge | MTLS tcp/50002: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50002.any.edge-57743a07-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50002.any.edge-57743a07-in' -DisplayName 'Lync any-edge-cls-50002:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '172.18.10.21' -RemoteAddress Any
    # any-edge-cls-50003:any>edge | MTLS tcp/50003: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50003.any.edge-3591c834-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50003.any.edge-3591c834-in' -DisplayName 'Lync any-edge-cls-50003:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '172.18.10.21' -RemoteAddress Any
}

# ---- Edge pool: edge02
if ($env:COMPUTERNAME -ieq 'edge02') {
    $matched = $true
    $names = @(
        'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out'
        'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out'
        'LPP-edge-any-http-80.edge.any-a91360cc-out'
        'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out'
        'LPP-edge-any-stun-3478.edge.any-2151ca2f-out'
        'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out'
        'LPP-any-edge-psom-443.any.edge-0b784821-in'
        'LPP-any-edge-sip-443.any.edge-3db32cbc-in'
        'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in'
        'LPP-any-edgevip-stun-443-ext.any.edge-dcf909ae-in'
        'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in'
        'LPP-any-edgevip-stun-3478-ext.any.edge-eb291066-in'
        'LPP-any-edge-sip-5061.any.edge-c2a8016f-in'
        'LPP-any-edge-stun-443.any.edge-00c9294f-in'
        'LPP-any-edgevip-stun-443.any.edge-180aa7b4-in'
        'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in'
        'LPP-any-edgevip-stun-3478.any.edge-4e9a49b4-in'
        'LPP-fe-edge-https-4443.fe.edge-7c59375b-in'
        'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in'
        'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in'
        'LPP-fe-edge-psom-8057.fe.edge-84e96292-in'
        'LPP-any-edge-cls-50001.any.edge-a9e46259-in'
        'LPP-any-edge-cls-50002.any.edge-57743a07-in'
        'LPP-any-edge-cls-50003.any.edge-3591c834-in'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # edge-any-dns-53-tcp:edge>any | DNS tcp/53: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out' -DisplayName 'Lync edge-any-dns-53-tcp:edge>any' -Group $group -Description 'DNS queries over TCP from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '53' -LocalAddress '198.51.100.31' -RemoteAddress Any
    # edge-any-dns-53-udp:edge>any | DNS udp/53: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out' -DisplayName 'Lync edge-any-dns-53-udp:edge>any' -Group $group -Description 'DNS queries over UDP from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol UDP -RemotePort '53' -LocalAddress '198.51.100.31' -RemoteAddress Any
    # edge-any-http-80:edge>any | HTTP tcp/80: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-http-80.edge.any-a91360cc-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-http-80.edge.any-a91360cc-out' -DisplayName 'Lync edge-any-http-80:edge>any' -Group $group -Description 'Certificate revocation list checks and retrieval from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '198.51.100.31' -RemoteAddress Any
    # edge-any-stun-443:edge>any | STUN/MSTURN tcp/443: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out' -DisplayName 'Lync edge-any-stun-443:edge>any' -Group $group -Description 'STUN/TURN candidate negotiation over TCP from each A/V Edge address. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # edge-any-stun-3478:edge>any | STUN/MSTURN udp/3478: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-stun-3478.edge.any-2151ca2f-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-stun-3478.edge.any-2151ca2f-out' -DisplayName 'Lync edge-any-stun-3478:edge>any' -Group $group -Description 'Outbound 3478 detects the remote Edge version and carries Edge-to-Edge media: federation with Lync Server 2010, Windows Live Messenger, OCS 2007 R2, and several Edge pools. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol UDP -RemotePort '3478' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # edge-any-rtp-50000-tcp:edge>any | RTP tcp/50000-59999: Edge pool -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out' -DisplayName 'Lync edge-any-rtp-50000-tcp:edge>any' -Group $group -Description 'Outbound media from each A/V Edge address; needed to federate with partners on OCS 2007, OCS 2007 R2, Lync Server 2010 and 2013. (Edge pool -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '50000-59999' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # any-edge-psom-443:any>edge | PSOM/TLS tcp/443: Any -> Edge pool VIP 198.51.100.11, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-psom-443.any.edge-0b784821-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-psom-443.any.edge-0b784821-in' -DisplayName 'Lync any-edge-psom-443:any>edge' -Group $group -Description 'Web conferencing media from external users. (Any -> Edge pool VIP 198.51.100.11, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.32' -RemoteAddress Any
    # any-edge-sip-443:any>edge | SIP/TLS tcp/443: Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-sip-443.any.edge-3db32cbc-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-sip-443.any.edge-3db32cbc-in' -DisplayName 'Lync any-edge-sip-443:any>edge' -Group $group -Description 'Client-to-server SIP for remote users. (Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.31' -RemoteAddress Any
    # any-edge-stun-443-ext:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in' -DisplayName 'Lync any-edge-stun-443-ext:any>edge' -Group $group -Description 'STUN/TURN candidate negotiation over TCP to each A/V Edge address. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # any-edgevip-stun-443-ext:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443-ext.any.edge-dcf909ae-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443-ext.any.edge-dcf909ae-in' -DisplayName 'Lync any-edgevip-stun-443-ext:any>edge' -Group $group -Description 'With hardware load balancing the A/V Edge VIP takes candidate negotiation over TCP. (Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # any-edge-stun-3478-ext:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in' -DisplayName 'Lync any-edge-stun-3478-ext:any>edge' -Group $group -Description 'STUN/TURN candidate negotiation over UDP to each A/V Edge address. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # any-edgevip-stun-3478-ext:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478-ext.any.edge-eb291066-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478-ext.any.edge-eb291066-in' -DisplayName 'Lync any-edgevip-stun-3478-ext:any>edge' -Group $group -Description 'With hardware load balancing the A/V Edge VIP takes candidate negotiation over UDP. (Any -> Edge pool VIP 198.51.100.12, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '198.51.100.33' -RemoteAddress Any
    # any-edge-sip-5061:any>edge | SIP/MTLS tcp/5061: Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-sip-5061.any.edge-c2a8016f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-sip-5061.any.edge-c2a8016f-in' -DisplayName 'Lync any-edge-sip-5061:any>edge' -Group $group -Description 'Inbound SIP for federation and public IM connectivity. (Any -> Edge pool VIP 198.51.100.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '198.51.100.31' -RemoteAddress Any
    # any-edge-stun-443:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-443.any.edge-00c9294f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-443.any.edge-00c9294f-in' -DisplayName 'Lync any-edge-stun-443:any>edge' -Group $group -Description 'Fallback A/V path when UDP fails; TCP also carries file transfer and desktop sharing. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.18.10.22' -RemoteAddress Any
    # any-edgevip-stun-443:any>edge | STUN/MSTURN tcp/443: Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443.any.edge-180aa7b4-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-443.any.edge-180aa7b4-in' -DisplayName 'Lync any-edgevip-stun-443:any>edge' -Group $group -Description 'With hardware load balancing the internal VIP also takes A/V media over TCP. Microsoft''s rows say Any. (Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.18.10.22' -RemoteAddress Any
    # any-edge-stun-3478:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in' -DisplayName 'Lync any-edge-stun-3478:any>edge' -Group $group -Description 'Preferred path for A/V media between internal and external users. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.18.10.22' -RemoteAddress Any
    # any-edgevip-stun-3478:any>edge | STUN/MSTURN udp/3478: Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478.any.edge-4e9a49b4-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edgevip-stun-3478.any.edge-4e9a49b4-in' -DisplayName 'Lync any-edgevip-stun-3478:any>edge' -Group $group -Description 'With hardware load balancing the internal VIP also takes A/V media candidates. Microsoft''s rows say Any. (Any -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.18.10.22' -RemoteAddress Any
    # fe-edge-https-4443:fe>edge | HTTPS tcp/4443: Front End pool -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-https-4443.fe.edge-7c59375b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-https-4443.fe.edge-7c59375b-in' -DisplayName 'Lync fe-edge-https-4443:fe>edge' -Group $group -Description 'Replication of Central Management store changes from the Front End that holds the CMS to each Edge. Not the reverse proxy''s 4443. It reaches every such server of the deployment, in any site, linked on the canvas or not. (Front End pool -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '172.18.10.22' -RemoteAddress '10.30.30.11','10.30.30.12'
    # fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061: Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in' -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group $group -Description 'SIP from the Front End pool to the Edge internal interface. With a hardware load balanced Edge pool, the Lync Server 2013 page sends it to the internal VIP and the Skype for Business Server page to each Edge Server. (Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '172.18.10.22' -RemoteAddress '10.30.30.11','10.30.30.12'
    # fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062: Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in' -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group $group -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Front End pool -> Edge pool VIP 172.18.10.20, forwarded to each member by the load balancer)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5062' -LocalAddress '172.18.10.22' -RemoteAddress '10.30.30.11','10.30.30.12'
    # fe-edge-psom-8057:fe>edge | PSOM/MTLS tcp/8057: Front End pool -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-psom-8057.fe.edge-84e96292-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-psom-8057.fe.edge-84e96292-in' -DisplayName 'Lync fe-edge-psom-8057:fe>edge' -Group $group -Description 'Web conferencing traffic from each Front End Server to each Edge internal interface; a load balancer never carries it. (Front End pool -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '172.18.10.22' -RemoteAddress '10.30.30.11','10.30.30.12'
    # any-edge-cls-50001:any>edge | MTLS tcp/50001: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50001.any.edge-a9e46259-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50001.any.edge-a9e46259-in' -DisplayName 'Lync any-edge-cls-50001:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '172.18.10.22' -RemoteAddress Any
    # any-edge-cls-50002:any>edge | MTLS tcp/50002: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50002.any.edge-57743a07-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50002.any.edge-57743a07-in' -DisplayName 'Lync any-edge-cls-50002:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '172.18.10.22' -RemoteAddress Any
    # any-edge-cls-50003:any>edge | MTLS tcp/50003: Any -> Edge pool
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50003.any.edge-3591c834-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50003.any.edge-3591c834-in' -DisplayName 'Lync any-edge-cls-50003:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge pool)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '172.18.10.22' -RemoteAddress Any
}

# ---- Front End pool: fe01
if ($env:COMPUTERNAME -ieq 'fe01') {
    $matched = $true
    $names = @(
        'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-out'
        'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-out'
        'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in'
        'LPP-clients-fe-http-80.clients.fe-4cdfa910-in'
        'LPP-clients-fe-https-443.clients.fe-513f2e28-in'
        'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in'
        'LPP-clients-fe-psom-8057.clients.fe-68572738-in'
        'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in'
        'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in'
        'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in'
        'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in'
        'LPP-any-fe-cls-50001.any.fe-c7d51a45-in'
        'LPP-any-fe-cls-50002.any.fe-a995c79b-in'
        'LPP-any-fe-cls-50003.any.fe-7a69cd75-in'
        'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in'
        'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061: Front End pool -> Edge pool VIP 172.18.10.20
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-out' -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group $group -Description 'SIP from the Front End pool to the Edge internal interface. With a hardware load balanced Edge pool, the Lync Server 2013 page sends it to the internal VIP and the Skype for Business Server page to each Edge Server. (Front End pool -> Edge pool VIP 172.18.10.20)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '5061' -LocalAddress '10.30.30.11' -RemoteAddress '172.18.10.20'
    # fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062: Front End pool -> Edge pool VIP 172.18.10.20
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-out' -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group $group -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Front End pool -> Edge pool VIP 172.18.10.20)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '5062' -LocalAddress '10.30.30.11' -RemoteAddress '172.18.10.20'
    # edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061: Edge pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group $group -Description 'SIP from the Edge internal interface to the Front End pool. (Edge pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.30.30.11' -RemoteAddress '172.18.10.21','172.18.10.22'
    # clients-fe-http-80:clients>fe | HTTP tcp/80: Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -DisplayName 'Lync clients-fe-http-80:clients>fe' -Group $group -Description 'Internal web services over HTTP; with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-https-443:clients>fe | HTTPS tcp/443: Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -DisplayName 'Lync clients-fe-https-443:clients>fe' -Group $group -Description 'Internal web services (address book, meetings, Autodiscover); with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group $group -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group $group -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-http-8080:clients>fe | TCP tcp/8080: Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -DisplayName 'Lync clients-fe-http-8080:clients>fe' -Group $group -Description 'Clients and devices retrieve the root certificate from the Front End (NTLM-authenticated) on 8080; the load balancer carries it. (Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group $group -Description 'Application sharing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group $group -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-audio-udp:clients>fe | RTP udp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group $group -Description 'Audio media to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # any-fe-cls-50001:any>fe | MTLS tcp/50001: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.30.30.11' -RemoteAddress Any
    # any-fe-cls-50002:any>fe | MTLS tcp/50002: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.30.30.11' -RemoteAddress Any
    # any-fe-cls-50003:any>fe | MTLS tcp/50003: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.30.30.11' -RemoteAddress Any
    # clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group $group -Description 'Video conferencing media over TCP on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
    # clients-fe-video-udp:clients>fe | RTP udp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group $group -Description 'Video conferencing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.30.30.11' -RemoteAddress '10.30.100.0/22'
}

# ---- Front End pool: fe02
if ($env:COMPUTERNAME -ieq 'fe02') {
    $matched = $true
    $names = @(
        'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-out'
        'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-out'
        'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in'
        'LPP-clients-fe-http-80.clients.fe-4cdfa910-in'
        'LPP-clients-fe-https-443.clients.fe-513f2e28-in'
        'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in'
        'LPP-clients-fe-psom-8057.clients.fe-68572738-in'
        'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in'
        'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in'
        'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in'
        'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in'
        'LPP-any-fe-cls-50001.any.fe-c7d51a45-in'
        'LPP-any-fe-cls-50002.any.fe-a995c79b-in'
        'LPP-any-fe-cls-50003.any.fe-7a69cd75-in'
        'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in'
        'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061: Front End pool -> Edge pool VIP 172.18.10.20
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-out' -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group $group -Description 'SIP from the Front End pool to the Edge internal interface. With a hardware load balanced Edge pool, the Lync Server 2013 page sends it to the internal VIP and the Skype for Business Server page to each Edge Server. (Front End pool -> Edge pool VIP 172.18.10.20)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '5061' -LocalAddress '10.30.30.12' -RemoteAddress '172.18.10.20'
    # fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062: Front End pool -> Edge pool VIP 172.18.10.20
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-out' -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group $group -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Front End pool -> Edge pool VIP 172.18.10.20)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '5062' -LocalAddress '10.30.30.12' -RemoteAddress '172.18.10.20'
    # edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061: Edge pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group $group -Description 'SIP from the Edge internal interface to the Front End pool. (Edge pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.30.30.12' -RemoteAddress '172.18.10.21','172.18.10.22'
    # clients-fe-http-80:clients>fe | HTTP tcp/80: Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -DisplayName 'Lync clients-fe-http-80:clients>fe' -Group $group -Description 'Internal web services over HTTP; with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-https-443:clients>fe | HTTPS tcp/443: Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -DisplayName 'Lync clients-fe-https-443:clients>fe' -Group $group -Description 'Internal web services (address book, meetings, Autodiscover); with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group $group -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group $group -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-http-8080:clients>fe | TCP tcp/8080: Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -DisplayName 'Lync clients-fe-http-8080:clients>fe' -Group $group -Description 'Clients and devices retrieve the root certificate from the Front End (NTLM-authenticated) on 8080; the load balancer carries it. (Internal clients -> Front End pool VIP 10.30.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group $group -Description 'Application sharing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group $group -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-audio-udp:clients>fe | RTP udp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group $group -Description 'Audio media to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # any-fe-cls-50001:any>fe | MTLS tcp/50001: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.30.30.12' -RemoteAddress Any
    # any-fe-cls-50002:any>fe | MTLS tcp/50002: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.30.30.12' -RemoteAddress Any
    # any-fe-cls-50003:any>fe | MTLS tcp/50003: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.30.30.12' -RemoteAddress Any
    # clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group $group -Description 'Video conferencing media over TCP on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
    # clients-fe-video-udp:clients>fe | RTP udp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group $group -Description 'Video conferencing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.30.30.12' -RemoteAddress '10.30.100.0/22'
}

if (-not $matched) { Write-Warning 'No block of this script is for this computer: nothing was changed.' }
