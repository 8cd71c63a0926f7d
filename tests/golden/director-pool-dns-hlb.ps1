# Lync Port Planner: Windows Firewall rules for plan Director pool, DNS and HLB load balanced
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

# ---- Director pool: dir01
if ($env:COMPUTERNAME -ieq 'dir01') {
    $matched = $true
    $names = @(
        'LPP-rp-dir-https-4443.rp.dir-904beabf-in'
        'LPP-edge-dir-sip-5061.edge.dir-be2fdf29-in'
        'LPP-rp-dir-http-8080.rp.dir-f9a93111-in'
        'LPP-clients-dir-http-80.clients.dir-b244cde9-in'
        'LPP-clients-dir-https-443.clients.dir-377f6bca-in'
        'LPP-fe-dir-https-444.fe.dir-f20fce6e-in'
        'LPP-fe-dir-cms-445.fe.dir-6f83799e-in'
        'LPP-clients-dir-sip-5061.clients.dir-5c4f5703-in'
        'LPP-fe-dir-sip-5061.fe.dir-5733f68d-in'
        'LPP-any-dir-cls-50001.any.dir-8dd9c711-in'
        'LPP-any-dir-cls-50002.any.dir-8da1248f-in'
        'LPP-any-dir-cls-50003.any.dir-94530c30-in'
        'LPP-dir-fe-http-80.dir.fe-a02801e7-out'
        'LPP-dir-fe-https-443.dir.fe-ba62ee9d-out'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # rp-dir-https-4443:rp>dir | HTTPS tcp/4443: Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-dir-https-4443.rp.dir-904beabf-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-dir-https-4443.rp.dir-904beabf-in' -DisplayName 'Lync rp-dir-https-4443:rp>dir' -Group $group -Description 'External web traffic arrives at the reverse proxy on 443 and is bridged to the Director''s external web services on 4443; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '10.10.20.11' -RemoteAddress '172.16.10.31'
    # edge-dir-sip-5061:edge>dir | SIP/MTLS tcp/5061: Edge Server -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-dir-sip-5061.edge.dir-be2fdf29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-dir-sip-5061.edge.dir-be2fdf29-in' -DisplayName 'Lync edge-dir-sip-5061:edge>dir' -Group $group -Description 'SIP from the Edge internal interface to the Director. Under DNS load balancing it goes to each Director; with a hardware load balancer only, to the VIP. (Edge Server -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.11' -RemoteAddress '172.16.10.21'
    # rp-dir-http-8080:rp>dir | HTTP tcp/8080: Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-dir-http-8080.rp.dir-f9a93111-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-dir-http-8080.rp.dir-f9a93111-in' -DisplayName 'Lync rp-dir-http-8080:rp>dir' -Group $group -Description 'External web traffic arrives at the reverse proxy on 80 and is bridged to the Director''s external web services on 8080; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.20.11' -RemoteAddress '172.16.10.31'
    # clients-dir-http-80:clients>dir | HTTP tcp/80: Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-dir-http-80.clients.dir-b244cde9-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-dir-http-80.clients.dir-b244cde9-in' -DisplayName 'Lync clients-dir-http-80:clients>dir' -Group $group -Description 'The Director serves web services to internal and external clients. (Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.100.0/22'
    # clients-dir-https-443:clients>dir | HTTPS tcp/443: Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-dir-https-443.clients.dir-377f6bca-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-dir-https-443.clients.dir-377f6bca-in' -DisplayName 'Lync clients-dir-https-443:clients>dir' -Group $group -Description 'The Director serves web services to internal and external clients. (Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.100.0/22'
    # fe-dir-https-444:fe>dir | HTTPS tcp/444: Front End pool -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-dir-https-444.fe.dir-f20fce6e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-dir-https-444.fe.dir-f20fce6e-in' -DisplayName 'Lync fe-dir-https-444:fe>dir' -Group $group -Description 'The Directors also listen on 444 for Front End to Director traffic and client certificate publishing. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Front End pool -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # fe-dir-cms-445:fe>dir | TCP tcp/445: Front End pool -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-dir-cms-445.fe.dir-6f83799e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-dir-cms-445.fe.dir-6f83799e-in' -DisplayName 'Lync fe-dir-cms-445:fe>dir' -Group $group -Description 'The Master Replicator Agent on the Front End that holds the CMS pushes configuration to the Directors. It reaches every such server of the deployment, in any site, linked on the canvas or not. (Front End pool -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '445' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # clients-dir-sip-5061:clients>dir | SIP/TLS tcp/5061: Internal clients -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-dir-sip-5061.clients.dir-5c4f5703-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-dir-sip-5061.clients.dir-5c4f5703-in' -DisplayName 'Lync clients-dir-sip-5061:clients>dir' -Group $group -Description 'Client connections to the Director''s Front-End service; with hardware load balancing only, through the pool''s load balancer VIP. (Internal clients -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.100.0/22'
    # fe-dir-sip-5061:fe>dir | SIP/MTLS tcp/5061: Front End pool -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-dir-sip-5061.fe.dir-5733f68d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-dir-sip-5061.fe.dir-5733f68d-in' -DisplayName 'Lync fe-dir-sip-5061:fe>dir' -Group $group -Description 'Directors listen on 5061 for server-to-server SIP from the Front End pool. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Front End pool -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # any-dir-cls-50001:any>dir | MTLS tcp/50001: Any -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-any-dir-cls-50001.any.dir-8dd9c711-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-dir-cls-50001.any.dir-8dd9c711-in' -DisplayName 'Lync any-dir-cls-50001:any>dir' -Group $group -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Any -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.20.11' -RemoteAddress Any
    # any-dir-cls-50002:any>dir | MTLS tcp/50002: Any -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-any-dir-cls-50002.any.dir-8da1248f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-dir-cls-50002.any.dir-8da1248f-in' -DisplayName 'Lync any-dir-cls-50002:any>dir' -Group $group -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Any -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.20.11' -RemoteAddress Any
    # any-dir-cls-50003:any>dir | MTLS tcp/50003: Any -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-any-dir-cls-50003.any.dir-94530c30-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-dir-cls-50003.any.dir-94530c30-in' -DisplayName 'Lync any-dir-cls-50003:any>dir' -Group $group -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Any -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.20.11' -RemoteAddress Any
    # dir-fe-http-80:dir>fe | HTTP tcp/80: Director pool -> Front End pool VIP 10.10.30.10
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-out' -DisplayName 'Lync dir-fe-http-80:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs first on 80 when HTTPS is not used. (Director pool -> Front End pool VIP 10.10.30.10)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.30.10'
    # dir-fe-https-443:dir>fe | HTTPS tcp/443: Director pool -> Front End pool VIP 10.10.30.10
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-out' -DisplayName 'Lync dir-fe-https-443:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs on 443. (Director pool -> Front End pool VIP 10.10.30.10)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '10.10.20.11' -RemoteAddress '10.10.30.10'
}

# ---- Director pool: dir02
if ($env:COMPUTERNAME -ieq 'dir02') {
    $matched = $true
    $names = @(
        'LPP-rp-dir-https-4443.rp.dir-904beabf-in'
        'LPP-edge-dir-sip-5061.edge.dir-be2fdf29-in'
        'LPP-rp-dir-http-8080.rp.dir-f9a93111-in'
        'LPP-clients-dir-http-80.clients.dir-b244cde9-in'
        'LPP-clients-dir-https-443.clients.dir-377f6bca-in'
        'LPP-fe-dir-https-444.fe.dir-f20fce6e-in'
        'LPP-fe-dir-cms-445.fe.dir-6f83799e-in'
        'LPP-clients-dir-sip-5061.clients.dir-5c4f5703-in'
        'LPP-fe-dir-sip-5061.fe.dir-5733f68d-in'
        'LPP-any-dir-cls-50001.any.dir-8dd9c711-in'
        'LPP-any-dir-cls-50002.any.dir-8da1248f-in'
        'LPP-any-dir-cls-50003.any.dir-94530c30-in'
        'LPP-dir-fe-http-80.dir.fe-a02801e7-out'
        'LPP-dir-fe-https-443.dir.fe-ba62ee9d-out'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # rp-dir-https-4443:rp>dir | HTTPS tcp/4443: Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-dir-https-4443.rp.dir-904beabf-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-dir-https-4443.rp.dir-904beabf-in' -DisplayName 'Lync rp-dir-https-4443:rp>dir' -Group $group -Description 'External web traffic arrives at the reverse proxy on 443 and is bridged to the Director''s external web services on 4443; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '10.10.20.12' -RemoteAddress '172.16.10.31'
    # edge-dir-sip-5061:edge>dir | SIP/MTLS tcp/5061: Edge Server -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-dir-sip-5061.edge.dir-be2fdf29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-dir-sip-5061.edge.dir-be2fdf29-in' -DisplayName 'Lync edge-dir-sip-5061:edge>dir' -Group $group -Description 'SIP from the Edge internal interface to the Director. Under DNS load balancing it goes to each Director; with a hardware load balancer only, to the VIP. (Edge Server -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.12' -RemoteAddress '172.16.10.21'
    # rp-dir-http-8080:rp>dir | HTTP tcp/8080: Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-dir-http-8080.rp.dir-f9a93111-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-dir-http-8080.rp.dir-f9a93111-in' -DisplayName 'Lync rp-dir-http-8080:rp>dir' -Group $group -Description 'External web traffic arrives at the reverse proxy on 80 and is bridged to the Director''s external web services on 8080; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.20.12' -RemoteAddress '172.16.10.31'
    # clients-dir-http-80:clients>dir | HTTP tcp/80: Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-dir-http-80.clients.dir-b244cde9-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-dir-http-80.clients.dir-b244cde9-in' -DisplayName 'Lync clients-dir-http-80:clients>dir' -Group $group -Description 'The Director serves web services to internal and external clients. (Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.100.0/22'
    # clients-dir-https-443:clients>dir | HTTPS tcp/443: Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-dir-https-443.clients.dir-377f6bca-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-dir-https-443.clients.dir-377f6bca-in' -DisplayName 'Lync clients-dir-https-443:clients>dir' -Group $group -Description 'The Director serves web services to internal and external clients. (Internal clients -> Director pool VIP 10.10.20.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.100.0/22'
    # fe-dir-https-444:fe>dir | HTTPS tcp/444: Front End pool -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-dir-https-444.fe.dir-f20fce6e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-dir-https-444.fe.dir-f20fce6e-in' -DisplayName 'Lync fe-dir-https-444:fe>dir' -Group $group -Description 'The Directors also listen on 444 for Front End to Director traffic and client certificate publishing. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Front End pool -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # fe-dir-cms-445:fe>dir | TCP tcp/445: Front End pool -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-dir-cms-445.fe.dir-6f83799e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-dir-cms-445.fe.dir-6f83799e-in' -DisplayName 'Lync fe-dir-cms-445:fe>dir' -Group $group -Description 'The Master Replicator Agent on the Front End that holds the CMS pushes configuration to the Directors. It reaches every such server of the deployment, in any site, linked on the canvas or not. (Front End pool -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '445' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # clients-dir-sip-5061:clients>dir | SIP/TLS tcp/5061: Internal clients -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-dir-sip-5061.clients.dir-5c4f5703-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-dir-sip-5061.clients.dir-5c4f5703-in' -DisplayName 'Lync clients-dir-sip-5061:clients>dir' -Group $group -Description 'Client connections to the Director''s Front-End service; with hardware load balancing only, through the pool''s load balancer VIP. (Internal clients -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.100.0/22'
    # fe-dir-sip-5061:fe>dir | SIP/MTLS tcp/5061: Front End pool -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-fe-dir-sip-5061.fe.dir-5733f68d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-dir-sip-5061.fe.dir-5733f68d-in' -DisplayName 'Lync fe-dir-sip-5061:fe>dir' -Group $group -Description 'Directors listen on 5061 for server-to-server SIP from the Front End pool. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Front End pool -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # any-dir-cls-50001:any>dir | MTLS tcp/50001: Any -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-any-dir-cls-50001.any.dir-8dd9c711-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-dir-cls-50001.any.dir-8dd9c711-in' -DisplayName 'Lync any-dir-cls-50001:any>dir' -Group $group -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Any -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.20.12' -RemoteAddress Any
    # any-dir-cls-50002:any>dir | MTLS tcp/50002: Any -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-any-dir-cls-50002.any.dir-8da1248f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-dir-cls-50002.any.dir-8da1248f-in' -DisplayName 'Lync any-dir-cls-50002:any>dir' -Group $group -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Any -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.20.12' -RemoteAddress Any
    # any-dir-cls-50003:any>dir | MTLS tcp/50003: Any -> Director pool
    Remove-NetFirewallRule @store -Name 'LPP-any-dir-cls-50003.any.dir-94530c30-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-dir-cls-50003.any.dir-94530c30-in' -DisplayName 'Lync any-dir-cls-50003:any>dir' -Group $group -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Any -> Director pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.20.12' -RemoteAddress Any
    # dir-fe-http-80:dir>fe | HTTP tcp/80: Director pool -> Front End pool VIP 10.10.30.10
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-out' -DisplayName 'Lync dir-fe-http-80:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs first on 80 when HTTPS is not used. (Director pool -> Front End pool VIP 10.10.30.10)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.30.10'
    # dir-fe-https-443:dir>fe | HTTPS tcp/443: Director pool -> Front End pool VIP 10.10.30.10
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-out' -DisplayName 'Lync dir-fe-https-443:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs on 443. (Director pool -> Front End pool VIP 10.10.30.10)' -Direction Outbound -Profile Domain -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '10.10.20.12' -RemoteAddress '10.10.30.10'
}

# ---- Edge Server: edge01
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
        'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in'
        'LPP-any-edge-stun-443.any.edge-00c9294f-in'
        'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in'
        'LPP-fe-edge-https-4443.fe.edge-7c59375b-in'
        'LPP-dir-edge-sip-5061.dir.edge-61ab2226-in'
        'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in'
        'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in'
        'LPP-fe-edge-psom-8057.fe.edge-84e96292-in'
        'LPP-any-edge-cls-50001.any.edge-a9e46259-in'
        'LPP-any-edge-cls-50002.any.edge-57743a07-in'
        'LPP-any-edge-cls-50003.any.edge-3591c834-in'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # edge-any-dns-53-tcp:edge>any | DNS tcp/53: Edge Server -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-tcp.edge.any-b111518a-out' -DisplayName 'Lync edge-any-dns-53-tcp:edge>any' -Group $group -Description 'DNS queries over TCP from each Access Edge address. (Edge Server -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '53' -LocalAddress '172.16.20.21' -RemoteAddress Any
    # edge-any-dns-53-udp:edge>any | DNS udp/53: Edge Server -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-dns-53-udp.edge.any-4d8e049e-out' -DisplayName 'Lync edge-any-dns-53-udp:edge>any' -Group $group -Description 'DNS queries over UDP from each Access Edge address. (Edge Server -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol UDP -RemotePort '53' -LocalAddress '172.16.20.21' -RemoteAddress Any
    # edge-any-http-80:edge>any | HTTP tcp/80: Edge Server -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-http-80.edge.any-a91360cc-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-http-80.edge.any-a91360cc-out' -DisplayName 'Lync edge-any-http-80:edge>any' -Group $group -Description 'Certificate revocation list checks and retrieval from each Access Edge address. (Edge Server -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '172.16.20.21' -RemoteAddress Any
    # edge-any-stun-443:edge>any | STUN/MSTURN tcp/443: Edge Server -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-stun-443.edge.any-4c5d4d7b-out' -DisplayName 'Lync edge-any-stun-443:edge>any' -Group $group -Description 'STUN/TURN candidate negotiation over TCP from each A/V Edge address. (Edge Server -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '172.16.20.23' -RemoteAddress Any
    # edge-any-stun-3478:edge>any | STUN/MSTURN udp/3478: Edge Server -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-stun-3478.edge.any-2151ca2f-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-stun-3478.edge.any-2151ca2f-out' -DisplayName 'Lync edge-any-stun-3478:edge>any' -Group $group -Description 'Outbound 3478 detects the remote Edge version and carries Edge-to-Edge media: federation with Lync Server 2010, Windows Live Messenger, OCS 2007 R2, and several Edge pools. (Edge Server -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol UDP -RemotePort '3478' -LocalAddress '172.16.20.23' -RemoteAddress Any
    # edge-any-rtp-50000-tcp:edge>any | RTP tcp/50000-59999: Edge Server -> Any
    Remove-NetFirewallRule @store -Name 'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-any-rtp-50000-tcp.edge.any-e469fbd3-out' -DisplayName 'Lync edge-any-rtp-50000-tcp:edge>any' -Group $group -Description 'Outbound media from each A/V Edge address; needed to federate with partners on OCS 2007, OCS 2007 R2, Lync Server 2010 and 2013. (Edge Server -> Any)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '50000-59999' -LocalAddress '172.16.20.23' -RemoteAddress Any
    # any-edge-psom-443:any>edge | PSOM/TLS tcp/443: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-psom-443.any.edge-0b784821-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-psom-443.any.edge-0b784821-in' -DisplayName 'Lync any-edge-psom-443:any>edge' -Group $group -Description 'Web conferencing media from external users. (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.22' -RemoteAddress Any
    # any-edge-sip-443:any>edge | SIP/TLS tcp/443: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-sip-443.any.edge-3db32cbc-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-sip-443.any.edge-3db32cbc-in' -DisplayName 'Lync any-edge-sip-443:any>edge' -Group $group -Description 'Client-to-server SIP for remote users. (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.21' -RemoteAddress Any
    # any-edge-stun-443-ext:any>edge | STUN/MSTURN tcp/443: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-443-ext.any.edge-fcb6a189-in' -DisplayName 'Lync any-edge-stun-443-ext:any>edge' -Group $group -Description 'STUN/TURN candidate negotiation over TCP to each A/V Edge address. (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.23' -RemoteAddress Any
    # any-edge-stun-3478-ext:any>edge | STUN/MSTURN udp/3478: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478-ext.any.edge-5d66c12a-in' -DisplayName 'Lync any-edge-stun-3478-ext:any>edge' -Group $group -Description 'STUN/TURN candidate negotiation over UDP to each A/V Edge address. (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.16.20.23' -RemoteAddress Any
    # any-edge-stun-443:any>edge | STUN/MSTURN tcp/443: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-443.any.edge-00c9294f-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-443.any.edge-00c9294f-in' -DisplayName 'Lync any-edge-stun-443:any>edge' -Group $group -Description 'Fallback A/V path when UDP fails; TCP also carries file transfer and desktop sharing. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.10.21' -RemoteAddress Any
    # any-edge-stun-3478:any>edge | STUN/MSTURN udp/3478: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-stun-3478.any.edge-85aa0b4b-in' -DisplayName 'Lync any-edge-stun-3478:any>edge' -Group $group -Description 'Preferred path for A/V media between internal and external users. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.16.10.21' -RemoteAddress Any
    # fe-edge-https-4443:fe>edge | HTTPS tcp/4443: Front End pool -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-https-4443.fe.edge-7c59375b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-https-4443.fe.edge-7c59375b-in' -DisplayName 'Lync fe-edge-https-4443:fe>edge' -Group $group -Description 'Replication of Central Management store changes from the Front End that holds the CMS to each Edge. Not the reverse proxy''s 4443. It reaches every such server of the deployment, in any site, linked on the canvas or not. (Front End pool -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # dir-edge-sip-5061:dir>edge | SIP/MTLS tcp/5061: Director pool -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-dir-edge-sip-5061.dir.edge-61ab2226-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-edge-sip-5061.dir.edge-61ab2226-in' -DisplayName 'Lync dir-edge-sip-5061:dir>edge' -Group $group -Description 'SIP from the Director to the Edge internal interface. With a hardware load balanced Edge pool, the Lync Server 2013 page sends it to the internal VIP and the Skype for Business Server page to each Edge Server. (Director pool -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.20.11','10.10.20.12'
    # fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061: Front End pool -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5061.fe.edge-cdca5d77-in' -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group $group -Description 'SIP from the Front End pool to the Edge internal interface. With a hardware load balanced Edge pool, the Lync Server 2013 page sends it to the internal VIP and the Skype for Business Server page to each Edge Server. (Front End pool -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062: Front End pool -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-sip-5062.fe.edge-cbc023bc-in' -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group $group -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Front End pool -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '5062' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # fe-edge-psom-8057:fe>edge | PSOM/MTLS tcp/8057: Front End pool -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-fe-edge-psom-8057.fe.edge-84e96292-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-fe-edge-psom-8057.fe.edge-84e96292-in' -DisplayName 'Lync fe-edge-psom-8057:fe>edge' -Group $group -Description 'Web conferencing traffic from each Front End Server to each Edge internal interface; a load balancer never carries it. (Front End pool -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'
    # any-edge-cls-50001:any>edge | MTLS tcp/50001: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50001.any.edge-a9e46259-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50001.any.edge-a9e46259-in' -DisplayName 'Lync any-edge-cls-50001:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '172.16.10.21' -RemoteAddress Any
    # any-edge-cls-50002:any>edge | MTLS tcp/50002: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50002.any.edge-57743a07-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50002.any.edge-57743a07-in' -DisplayName 'Lync any-edge-cls-50002:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '172.16.10.21' -RemoteAddress Any
    # any-edge-cls-50003:any>edge | MTLS tcp/50003: Any -> Edge Server
    Remove-NetFirewallRule @store -Name 'LPP-any-edge-cls-50003.any.edge-3591c834-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-edge-cls-50003.any.edge-3591c834-in' -DisplayName 'Lync any-edge-cls-50003:any>edge' -Group $group -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Any -> Edge Server)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '172.16.10.21' -RemoteAddress Any
}

# ---- Front End pool: fe01
if ($env:COMPUTERNAME -ieq 'fe01') {
    $matched = $true
    $names = @(
        'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in'
        'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in'
        'LPP-rp-fe-http-8080.rp.fe-53417073-in'
        'LPP-clients-fe-http-80.clients.fe-4cdfa910-in'
        'LPP-dir-fe-http-80.dir.fe-a02801e7-in'
        'LPP-clients-fe-https-443.clients.fe-513f2e28-in'
        'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in'
        'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in'
        'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in'
        'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in'
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
    # rp-fe-https-4443:rp>fe | HTTPS tcp/4443: Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in' -DisplayName 'Lync rp-fe-https-4443:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 443 bridged to 4443. (Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '10.10.30.11' -RemoteAddress '172.16.10.31'
    # edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061: Edge Server -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group $group -Description 'SIP from the Edge internal interface to the Front End pool. (Edge Server -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.11' -RemoteAddress '172.16.10.21'
    # rp-fe-http-8080:rp>fe | HTTP tcp/8080: Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-in' -DisplayName 'Lync rp-fe-http-8080:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 80 bridged to 8080. (Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.30.11' -RemoteAddress '172.16.10.31'
    # clients-fe-http-80:clients>fe | HTTP tcp/80: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -DisplayName 'Lync clients-fe-http-80:clients>fe' -Group $group -Description 'Internal web services over HTTP; with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # dir-fe-http-80:dir>fe | HTTP tcp/80: Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-in' -DisplayName 'Lync dir-fe-http-80:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs first on 80 when HTTPS is not used. (Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-https-443:clients>fe | HTTPS tcp/443: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -DisplayName 'Lync clients-fe-https-443:clients>fe' -Group $group -Description 'Internal web services (address book, meetings, Autodiscover); with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # dir-fe-https-443:dir>fe | HTTPS tcp/443: Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in' -DisplayName 'Lync dir-fe-https-443:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs on 443. (Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.20.11','10.10.20.12'
    # dir-fe-https-444:dir>fe | HTTPS tcp/444: Director pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in' -DisplayName 'Lync dir-fe-https-444:dir>fe' -Group $group -Description 'Server-to-server HTTPS between the Director and the Front End Servers. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group $group -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # dir-fe-sip-5061:dir>fe | SIP/MTLS tcp/5061: Director pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in' -DisplayName 'Lync dir-fe-sip-5061:dir>fe' -Group $group -Description 'The Director is a SIP next hop: it passes requests on to the user''s home Front End pool (server to server, topology-aware). With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group $group -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # clients-fe-http-8080:clients>fe | TCP tcp/8080: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -DisplayName 'Lync clients-fe-http-8080:clients>fe' -Group $group -Description 'Clients and devices retrieve the root certificate from the Front End (NTLM-authenticated) on 8080; the load balancer carries it. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group $group -Description 'Application sharing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group $group -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # clients-fe-audio-udp:clients>fe | RTP udp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group $group -Description 'Audio media to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # any-fe-cls-50001:any>fe | MTLS tcp/50001: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.30.11' -RemoteAddress Any
    # any-fe-cls-50002:any>fe | MTLS tcp/50002: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.30.11' -RemoteAddress Any
    # any-fe-cls-50003:any>fe | MTLS tcp/50003: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.30.11' -RemoteAddress Any
    # clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group $group -Description 'Video conferencing media over TCP on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
    # clients-fe-video-udp:clients>fe | RTP udp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group $group -Description 'Video conferencing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.10.30.11' -RemoteAddress '10.10.100.0/22'
}

# ---- Front End pool: fe02
if ($env:COMPUTERNAME -ieq 'fe02') {
    $matched = $true
    $names = @(
        'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in'
        'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in'
        'LPP-rp-fe-http-8080.rp.fe-53417073-in'
        'LPP-clients-fe-http-80.clients.fe-4cdfa910-in'
        'LPP-dir-fe-http-80.dir.fe-a02801e7-in'
        'LPP-clients-fe-https-443.clients.fe-513f2e28-in'
        'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in'
        'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in'
        'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in'
        'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in'
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
    # rp-fe-https-4443:rp>fe | HTTPS tcp/4443: Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in' -DisplayName 'Lync rp-fe-https-4443:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 443 bridged to 4443. (Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '10.10.30.12' -RemoteAddress '172.16.10.31'
    # edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061: Edge Server -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group $group -Description 'SIP from the Edge internal interface to the Front End pool. (Edge Server -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.12' -RemoteAddress '172.16.10.21'
    # rp-fe-http-8080:rp>fe | HTTP tcp/8080: Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-in' -DisplayName 'Lync rp-fe-http-8080:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 80 bridged to 8080. (Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.30.12' -RemoteAddress '172.16.10.31'
    # clients-fe-http-80:clients>fe | HTTP tcp/80: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -DisplayName 'Lync clients-fe-http-80:clients>fe' -Group $group -Description 'Internal web services over HTTP; with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # dir-fe-http-80:dir>fe | HTTP tcp/80: Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-in' -DisplayName 'Lync dir-fe-http-80:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs first on 80 when HTTPS is not used. (Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-https-443:clients>fe | HTTPS tcp/443: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -DisplayName 'Lync clients-fe-https-443:clients>fe' -Group $group -Description 'Internal web services (address book, meetings, Autodiscover); with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # dir-fe-https-443:dir>fe | HTTPS tcp/443: Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in' -DisplayName 'Lync dir-fe-https-443:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs on 443. (Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.20.11','10.10.20.12'
    # dir-fe-https-444:dir>fe | HTTPS tcp/444: Director pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in' -DisplayName 'Lync dir-fe-https-444:dir>fe' -Group $group -Description 'Server-to-server HTTPS between the Director and the Front End Servers. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group $group -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # dir-fe-sip-5061:dir>fe | SIP/MTLS tcp/5061: Director pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in' -DisplayName 'Lync dir-fe-sip-5061:dir>fe' -Group $group -Description 'The Director is a SIP next hop: it passes requests on to the user''s home Front End pool (server to server, topology-aware). With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group $group -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # clients-fe-http-8080:clients>fe | TCP tcp/8080: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -DisplayName 'Lync clients-fe-http-8080:clients>fe' -Group $group -Description 'Clients and devices retrieve the root certificate from the Front End (NTLM-authenticated) on 8080; the load balancer carries it. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group $group -Description 'Application sharing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group $group -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # clients-fe-audio-udp:clients>fe | RTP udp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group $group -Description 'Audio media to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # any-fe-cls-50001:any>fe | MTLS tcp/50001: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.30.12' -RemoteAddress Any
    # any-fe-cls-50002:any>fe | MTLS tcp/50002: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.30.12' -RemoteAddress Any
    # any-fe-cls-50003:any>fe | MTLS tcp/50003: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.30.12' -RemoteAddress Any
    # clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group $group -Description 'Video conferencing media over TCP on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
    # clients-fe-video-udp:clients>fe | RTP udp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group $group -Description 'Video conferencing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.10.30.12' -RemoteAddress '10.10.100.0/22'
}

# ---- Front End pool: fe03
if ($env:COMPUTERNAME -ieq 'fe03') {
    $matched = $true
    $names = @(
        'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in'
        'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in'
        'LPP-rp-fe-http-8080.rp.fe-53417073-in'
        'LPP-clients-fe-http-80.clients.fe-4cdfa910-in'
        'LPP-dir-fe-http-80.dir.fe-a02801e7-in'
        'LPP-clients-fe-https-443.clients.fe-513f2e28-in'
        'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in'
        'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in'
        'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in'
        'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in'
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
    # rp-fe-https-4443:rp>fe | HTTPS tcp/4443: Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-in' -DisplayName 'Lync rp-fe-https-4443:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 443 bridged to 4443. (Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '10.10.30.13' -RemoteAddress '172.16.10.31'
    # edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061: Edge Server -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-edge-fe-sip-5061.edge.fe-9d56d2c0-in' -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group $group -Description 'SIP from the Edge internal interface to the Front End pool. (Edge Server -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.13' -RemoteAddress '172.16.10.21'
    # rp-fe-http-8080:rp>fe | HTTP tcp/8080: Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-in' -DisplayName 'Lync rp-fe-http-8080:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 80 bridged to 8080. (Reverse proxy -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.30.13' -RemoteAddress '172.16.10.31'
    # clients-fe-http-80:clients>fe | HTTP tcp/80: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-80.clients.fe-4cdfa910-in' -DisplayName 'Lync clients-fe-http-80:clients>fe' -Group $group -Description 'Internal web services over HTTP; with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # dir-fe-http-80:dir>fe | HTTP tcp/80: Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-http-80.dir.fe-a02801e7-in' -DisplayName 'Lync dir-fe-http-80:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs first on 80 when HTTPS is not used. (Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-https-443:clients>fe | HTTPS tcp/443: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-https-443.clients.fe-513f2e28-in' -DisplayName 'Lync clients-fe-https-443:clients>fe' -Group $group -Description 'Internal web services (address book, meetings, Autodiscover); with a load balancer they go to the web VIP. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # dir-fe-https-443:dir>fe | HTTPS tcp/443: Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-443.dir.fe-ba62ee9d-in' -DisplayName 'Lync dir-fe-https-443:dir>fe' -Group $group -Description 'The Director reaches the web farm FQDNs on 443. (Director pool -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.20.11','10.10.20.12'
    # dir-fe-https-444:dir>fe | HTTPS tcp/444: Director pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-https-444.dir.fe-ddaa2f63-in' -DisplayName 'Lync dir-fe-https-444:dir>fe' -Group $group -Description 'Server-to-server HTTPS between the Director and the Front End Servers. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-sip-5061.clients.fe-989c2d29-in' -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group $group -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # dir-fe-sip-5061:dir>fe | SIP/MTLS tcp/5061: Director pool -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-dir-fe-sip-5061.dir.fe-3ecd5244-in' -DisplayName 'Lync dir-fe-sip-5061:dir>fe' -Group $group -Description 'The Director is a SIP next hop: it passes requests on to the user''s home Front End pool (server to server, topology-aware). With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.20.11','10.10.20.12'
    # clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-psom-8057.clients.fe-68572738-in' -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group $group -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # clients-fe-http-8080:clients>fe | TCP tcp/8080: Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-http-8080.clients.fe-2d866dc6-in' -DisplayName 'Lync clients-fe-http-8080:clients>fe' -Group $group -Description 'Clients and devices retrieve the root certificate from the Front End (NTLM-authenticated) on 8080; the load balancer carries it. (Internal clients -> Front End pool VIP 10.10.30.10, forwarded to each member by the load balancer)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '8080' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-appsharing-tcp.clients.fe-8a7d4d1b-in' -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group $group -Description 'Application sharing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-tcp.clients.fe-8f2fc48e-in' -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group $group -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # clients-fe-audio-udp:clients>fe | RTP udp/49152-57500: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-audio-udp.clients.fe-8b78ba6d-in' -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group $group -Description 'Audio media to the conferencing services on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # any-fe-cls-50001:any>fe | MTLS tcp/50001: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50001.any.fe-c7d51a45-in' -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.30.13' -RemoteAddress Any
    # any-fe-cls-50002:any>fe | MTLS tcp/50002: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50002.any.fe-a995c79b-in' -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.30.13' -RemoteAddress Any
    # any-fe-cls-50003:any>fe | MTLS tcp/50003: Any -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-fe-cls-50003.any.fe-7a69cd75-in' -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group $group -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Any -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.30.13' -RemoteAddress Any
    # clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-tcp.clients.fe-e07c1d08-in' -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group $group -Description 'Video conferencing media over TCP on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
    # clients-fe-video-udp:clients>fe | RTP udp/57501-65535: Internal clients -> Front End pool
    Remove-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-clients-fe-video-udp.clients.fe-7fcd4912-in' -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group $group -Description 'Video conferencing media on each Front End Server. (Internal clients -> Front End pool)' -Direction Inbound -Profile Domain -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.10.30.13' -RemoteAddress '10.10.100.0/22'
}

# ---- Reverse proxy: rp01
if ($env:COMPUTERNAME -ieq 'rp01') {
    $matched = $true
    $names = @(
        'LPP-any-rp-http-80.any.rp-f9b5e33d-in'
        'LPP-any-rp-https-443.any.rp-f0fe2e8b-in'
        'LPP-rp-dir-https-4443.rp.dir-904beabf-out'
        'LPP-rp-dir-http-8080.rp.dir-f9a93111-out'
        'LPP-rp-fe-https-4443.rp.fe-5c6e8820-out'
        'LPP-rp-fe-http-8080.rp.fe-53417073-out'
    )
    $stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })
    if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }
    # any-rp-http-80:any>rp | HTTP tcp/80: Any -> Reverse proxy
    Remove-NetFirewallRule @store -Name 'LPP-any-rp-http-80.any.rp-f9b5e33d-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-rp-http-80.any.rp-f9b5e33d-in' -DisplayName 'Lync any-rp-http-80:any>rp' -Group $group -Description 'Optional: redirects http:// requests to HTTPS; also used by Office Web Apps conferencing and by mobile Autodiscover when the publishing certificate has no lyncdiscover name. (Any -> Reverse proxy)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '172.16.20.31' -RemoteAddress Any
    # any-rp-https-443:any>rp | HTTPS tcp/443: Any -> Reverse proxy
    Remove-NetFirewallRule @store -Name 'LPP-any-rp-https-443.any.rp-f0fe2e8b-in' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-any-rp-https-443.any.rp-f0fe2e8b-in' -DisplayName 'Lync any-rp-https-443:any>rp' -Group $group -Description 'External web services published by the reverse proxy: address book, Autodiscover, device updates, meeting content, dial-in and meeting pages. (Any -> Reverse proxy)' -Direction Inbound -Profile Any -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.31' -RemoteAddress Any
    # rp-dir-https-4443:rp>dir | HTTPS tcp/4443: Reverse proxy -> Director pool VIP 10.10.20.10
    Remove-NetFirewallRule @store -Name 'LPP-rp-dir-https-4443.rp.dir-904beabf-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-dir-https-4443.rp.dir-904beabf-out' -DisplayName 'Lync rp-dir-https-4443:rp>dir' -Group $group -Description 'External web traffic arrives at the reverse proxy on 443 and is bridged to the Director''s external web services on 4443; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool VIP 10.10.20.10)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '4443' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.20.10'
    # rp-dir-http-8080:rp>dir | HTTP tcp/8080: Reverse proxy -> Director pool VIP 10.10.20.10
    Remove-NetFirewallRule @store -Name 'LPP-rp-dir-http-8080.rp.dir-f9a93111-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-dir-http-8080.rp.dir-f9a93111-out' -DisplayName 'Lync rp-dir-http-8080:rp>dir' -Group $group -Description 'External web traffic arrives at the reverse proxy on 80 and is bridged to the Director''s external web services on 8080; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool VIP 10.10.20.10)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '8080' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.20.10'
    # rp-fe-https-4443:rp>fe | HTTPS tcp/4443: Reverse proxy -> Front End pool VIP 10.10.30.10
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-https-4443.rp.fe-5c6e8820-out' -DisplayName 'Lync rp-fe-https-4443:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 443 bridged to 4443. (Reverse proxy -> Front End pool VIP 10.10.30.10)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '4443' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.30.10'
    # rp-fe-http-8080:rp>fe | HTTP tcp/8080: Reverse proxy -> Front End pool VIP 10.10.30.10
    Remove-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-out' -ErrorAction SilentlyContinue
    New-NetFirewallRule @store -Name 'LPP-rp-fe-http-8080.rp.fe-53417073-out' -DisplayName 'Lync rp-fe-http-8080:rp>fe' -Group $group -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 80 bridged to 8080. (Reverse proxy -> Front End pool VIP 10.10.30.10)' -Direction Outbound -Profile Any -Action Allow -Protocol TCP -RemotePort '8080' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.30.10'
}

if (-not $matched) { Write-Warning 'No block of this script is for this computer: nothing was changed.' }
