# Lync Port Planner: Windows Firewall rules for plan Director pool, DNS and HLB load balanced
# Product: Lync Server 2013
# Catalog lync-2013@2026.12.1. Run each block on the host it names, in an elevated PowerShell.
# Review before running: every rule is an Allow rule in group 'Lync Port Planner'.
#Requires -RunAsAdministrator

# edge-any-dns-53-tcp:edge>any | DNS tcp/53
# On each of: Edge Server (172.16.20.21) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-dns-53-tcp:edge>any' -Group 'Lync Port Planner' -Description 'DNS queries over TCP from each Access Edge address. (Edge Server -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '53' -LocalAddress '172.16.20.21' -RemoteAddress Any

# edge-any-dns-53-udp:edge>any | DNS udp/53
# On each of: Edge Server (172.16.20.21) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-dns-53-udp:edge>any' -Group 'Lync Port Planner' -Description 'DNS queries over UDP from each Access Edge address. (Edge Server -> Any)' -Direction Outbound -Action Allow -Protocol UDP -RemotePort '53' -LocalAddress '172.16.20.21' -RemoteAddress Any

# edge-any-http-80:edge>any | HTTP tcp/80
# On each of: Edge Server (172.16.20.21) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-http-80:edge>any' -Group 'Lync Port Planner' -Description 'Certificate revocation list checks and retrieval from each Access Edge address. (Edge Server -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '172.16.20.21' -RemoteAddress Any

# edge-any-stun-443:edge>any | STUN/MSTURN tcp/443
# On each of: Edge Server (172.16.20.23) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-stun-443:edge>any' -Group 'Lync Port Planner' -Description 'STUN/TURN candidate negotiation over TCP from each A/V Edge address. (Edge Server -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '172.16.20.23' -RemoteAddress Any

# edge-any-stun-3478:edge>any | STUN/MSTURN udp/3478
# On each of: Edge Server (172.16.20.23) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-stun-3478:edge>any' -Group 'Lync Port Planner' -Description 'Outbound 3478 detects the remote Edge version and carries Edge-to-Edge media: federation with Lync Server 2010, Windows Live Messenger, OCS 2007 R2, and several Edge pools. (Edge Server -> Any)' -Direction Outbound -Action Allow -Protocol UDP -RemotePort '3478' -LocalAddress '172.16.20.23' -RemoteAddress Any

# edge-any-rtp-50000-tcp:edge>any | RTP tcp/50000-59999
# On each of: Edge Server (172.16.20.23) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-rtp-50000-tcp:edge>any' -Group 'Lync Port Planner' -Description 'Outbound media from each A/V Edge address; needed to federate with partners on OCS 2007, OCS 2007 R2, Lync Server 2010 and 2013. (Edge Server -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '50000-59999' -LocalAddress '172.16.20.23' -RemoteAddress Any

# any-edge-psom-443:any>edge | PSOM/TLS tcp/443
# On each of: Edge Server (172.16.20.22)
New-NetFirewallRule -DisplayName 'Lync any-edge-psom-443:any>edge' -Group 'Lync Port Planner' -Description 'Web conferencing media from external users. (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.22' -RemoteAddress Any

# any-edge-sip-443:any>edge | SIP/TLS tcp/443
# On each of: Edge Server (172.16.20.21)
New-NetFirewallRule -DisplayName 'Lync any-edge-sip-443:any>edge' -Group 'Lync Port Planner' -Description 'Client-to-server SIP for remote users. (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.21' -RemoteAddress Any

# any-edge-stun-443-ext:any>edge | STUN/MSTURN tcp/443
# On each of: Edge Server (172.16.20.23)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-443-ext:any>edge' -Group 'Lync Port Planner' -Description 'STUN/TURN candidate negotiation over TCP to each A/V Edge address. (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.23' -RemoteAddress Any

# any-edge-stun-3478-ext:any>edge | STUN/MSTURN udp/3478
# On each of: Edge Server (172.16.20.23)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-3478-ext:any>edge' -Group 'Lync Port Planner' -Description 'STUN/TURN candidate negotiation over UDP to each A/V Edge address. (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.16.20.23' -RemoteAddress Any

# any-rp-http-80:any>rp | HTTP tcp/80
# On each of: Reverse proxy (172.16.20.31)
New-NetFirewallRule -DisplayName 'Lync any-rp-http-80:any>rp' -Group 'Lync Port Planner' -Description 'Optional: redirects http:// requests to HTTPS; also used by Office Web Apps conferencing and by mobile Autodiscover when the publishing certificate has no lyncdiscover name. (Reverse proxy -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '80' -LocalAddress '172.16.20.31' -RemoteAddress Any

# any-rp-https-443:any>rp | HTTPS tcp/443
# On each of: Reverse proxy (172.16.20.31)
New-NetFirewallRule -DisplayName 'Lync any-rp-https-443:any>rp' -Group 'Lync Port Planner' -Description 'External web services published by the reverse proxy: address book, Autodiscover, device updates, meeting content, dial-in and meeting pages. (Reverse proxy -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.20.31' -RemoteAddress Any

# rp-dir-https-4443:rp>dir | HTTPS tcp/4443
# On each of: Reverse proxy (172.16.10.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync rp-dir-https-4443:rp>dir' -Group 'Lync Port Planner' -Description 'External web traffic arrives at the reverse proxy on 443 and is bridged to the Director''s external web services on 4443; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '4443' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.20.10'

# edge-dir-sip-5061:edge>dir | SIP/MTLS tcp/5061
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync edge-dir-sip-5061:edge>dir' -Group 'Lync Port Planner' -Description 'SIP from the Edge internal interface to the Director. Under DNS load balancing it goes to each Director; with a hardware load balancer only, to the VIP. (Director pool -> Edge Server)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '172.16.10.21'

# rp-dir-http-8080:rp>dir | HTTP tcp/8080
# On each of: Reverse proxy (172.16.10.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync rp-dir-http-8080:rp>dir' -Group 'Lync Port Planner' -Description 'External web traffic arrives at the reverse proxy on 80 and is bridged to the Director''s external web services on 8080; behind a hardware load balancer it goes to the VIP. (Reverse proxy -> Director pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '8080' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.20.10'

# any-edge-stun-443:any>edge | STUN/MSTURN tcp/443
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-443:any>edge' -Group 'Lync Port Planner' -Description 'Fallback A/V path when UDP fails; TCP also carries file transfer and desktop sharing. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.16.10.21' -RemoteAddress Any

# any-edge-stun-3478:any>edge | STUN/MSTURN udp/3478
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-3478:any>edge' -Group 'Lync Port Planner' -Description 'Preferred path for A/V media between internal and external users. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.16.10.21' -RemoteAddress Any

# fe-edge-https-4443:fe>edge | HTTPS tcp/4443
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync fe-edge-https-4443:fe>edge' -Group 'Lync Port Planner' -Description 'Replication of Central Management store changes from the Front End that holds the CMS to each Edge. Not the reverse proxy''s 4443. (Edge Server -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# dir-edge-sip-5061:dir>edge | SIP/MTLS tcp/5061
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync dir-edge-sip-5061:dir>edge' -Group 'Lync Port Planner' -Description 'SIP from the Director to the Edge internal interface (to the internal VIP when the Edge pool uses hardware load balancing). (Edge Server -> Director pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.20.11','10.10.20.12'

# fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group 'Lync Port Planner' -Description 'SIP from the Front End pool to the Edge internal interface (to the internal VIP when the Edge pool uses hardware load balancing). (Edge Server -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group 'Lync Port Planner' -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Edge Server -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5062' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# fe-edge-psom-8057:fe>edge | PSOM/MTLS tcp/8057
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync fe-edge-psom-8057:fe>edge' -Group 'Lync Port Planner' -Description 'Web conferencing traffic from each Front End Server to each Edge internal interface; a load balancer never carries it. (Edge Server -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '172.16.10.21' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# any-edge-cls-50001:any>edge | MTLS tcp/50001
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync any-edge-cls-50001:any>edge' -Group 'Lync Port Planner' -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '172.16.10.21' -RemoteAddress Any

# any-edge-cls-50002:any>edge | MTLS tcp/50002
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync any-edge-cls-50002:any>edge' -Group 'Lync Port Planner' -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '172.16.10.21' -RemoteAddress Any

# any-edge-cls-50003:any>edge | MTLS tcp/50003
# On each of: Edge Server (172.16.10.21)
New-NetFirewallRule -DisplayName 'Lync any-edge-cls-50003:any>edge' -Group 'Lync Port Planner' -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Edge Server -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '172.16.10.21' -RemoteAddress Any

# rp-fe-https-4443:rp>fe | HTTPS tcp/4443
# On each of: Reverse proxy (172.16.10.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync rp-fe-https-4443:rp>fe' -Group 'Lync Port Planner' -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 443 bridged to 4443. (Reverse proxy -> Front End pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '4443' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.30.10'

# edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group 'Lync Port Planner' -Description 'SIP from the Edge internal interface to the Front End pool. (Front End pool -> Edge Server)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '172.16.10.21'

# rp-fe-http-8080:rp>fe | HTTP tcp/8080
# On each of: Reverse proxy (172.16.10.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync rp-fe-http-8080:rp>fe' -Group 'Lync Port Planner' -Description 'The reverse proxy also publishes the Front End pool''s external web services: port 80 bridged to 8080. (Reverse proxy -> Front End pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '8080' -LocalAddress '172.16.10.31' -RemoteAddress '10.10.30.10'

# clients-dir-http-80:clients>dir | HTTP tcp/80
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# clients-dir-https-443:clients>dir | HTTPS tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# fe-dir-https-444:fe>dir | HTTPS tcp/444
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync fe-dir-https-444:fe>dir' -Group 'Lync Port Planner' -Description 'The Directors also listen on 444 for Front End to Director traffic and client certificate publishing. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# fe-dir-cms-445:fe>dir | TCP tcp/445
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync fe-dir-cms-445:fe>dir' -Group 'Lync Port Planner' -Description 'The Master Replicator Agent on the Front End that holds the CMS pushes configuration to the Directors. (Director pool -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '445' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# clients-dir-sip-5061:clients>dir | SIP/TLS tcp/5061
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync clients-dir-sip-5061:clients>dir' -Group 'Lync Port Planner' -Description 'Client connections to the Director''s Front-End service; with hardware load balancing only, through the pool''s load balancer VIP. (Director pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '10.10.100.0/22'

# fe-dir-sip-5061:fe>dir | SIP/MTLS tcp/5061
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync fe-dir-sip-5061:fe>dir' -Group 'Lync Port Planner' -Description 'Directors listen on 5061 for server-to-server SIP from the Front End pool. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Director pool -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '10.10.30.11','10.10.30.12','10.10.30.13'

# any-dir-cls-50001:any>dir | MTLS tcp/50001
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync any-dir-cls-50001:any>dir' -Group 'Lync Port Planner' -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Director pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress Any

# any-dir-cls-50002:any>dir | MTLS tcp/50002
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync any-dir-cls-50002:any>dir' -Group 'Lync Port Planner' -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Director pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress Any

# any-dir-cls-50003:any>dir | MTLS tcp/50003
# On each of: Director pool (10.10.20.11, 10.10.20.12)
New-NetFirewallRule -DisplayName 'Lync any-dir-cls-50003:any>dir' -Group 'Lync Port Planner' -Description 'Centralized Logging Service: the controller (ClsController.exe) sends commands to the agent (ClsAgent.exe) and collects logs. (Director pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress Any

# clients-fe-http-80:clients>fe | HTTP tcp/80
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# dir-fe-http-80:dir>fe | HTTP tcp/80
# On each of: Director pool (10.10.20.11, 10.10.20.12) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync dir-fe-http-80:dir>fe' -Group 'Lync Port Planner' -Description 'The Director reaches the web farm FQDNs first on 80 when HTTPS is not used. (Director pool -> Front End pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '10.10.30.10'

# clients-fe-https-443:clients>fe | HTTPS tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# dir-fe-https-443:dir>fe | HTTPS tcp/443
# On each of: Director pool (10.10.20.11, 10.10.20.12) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync dir-fe-https-443:dir>fe' -Group 'Lync Port Planner' -Description 'The Director reaches the web farm FQDNs on 443. (Director pool -> Front End pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '10.10.20.11','10.10.20.12' -RemoteAddress '10.10.30.10'

# dir-fe-https-444:dir>fe | HTTPS tcp/444
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync dir-fe-https-444:dir>fe' -Group 'Lync Port Planner' -Description 'Server-to-server HTTPS between the Director and the Front End Servers. With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Front End pool -> Director pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '444' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.20.11','10.10.20.12'

# clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group 'Lync Port Planner' -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'

# dir-fe-sip-5061:dir>fe | SIP/MTLS tcp/5061
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync dir-fe-sip-5061:dir>fe' -Group 'Lync Port Planner' -Description 'The Director is a SIP next hop: it passes requests on to the user''s home Front End pool (server to server, topology-aware). With hardware load balancing only, through the pool''s load balancer VIP, whose port list carries 5061 and 444. (Front End pool -> Director pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.20.11','10.10.20.12'

# clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group 'Lync Port Planner' -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'

# clients-fe-http-8080:clients>fe | TCP tcp/8080
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group 'Lync Port Planner' -Description 'Application sharing media on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'

# clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group 'Lync Port Planner' -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'

# clients-fe-audio-udp:clients>fe | RTP udp/49152-57500
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group 'Lync Port Planner' -Description 'Audio media to the conferencing services on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'

# any-fe-cls-50001:any>fe | MTLS tcp/50001
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group 'Lync Port Planner' -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Front End pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress Any

# any-fe-cls-50002:any>fe | MTLS tcp/50002
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group 'Lync Port Planner' -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Front End pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress Any

# any-fe-cls-50003:any>fe | MTLS tcp/50003
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group 'Lync Port Planner' -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Front End pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress Any

# clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group 'Lync Port Planner' -Description 'Video conferencing media over TCP on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'

# clients-fe-video-udp:clients>fe | RTP udp/57501-65535
# On each of: Front End pool (10.10.30.11, 10.10.30.12, 10.10.30.13)
New-NetFirewallRule -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group 'Lync Port Planner' -Description 'Video conferencing media on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' -RemoteAddress '10.10.100.0/22'
