# Lync Port Planner: Windows Firewall rules for plan Scaled consolidated Edge with hardware load balancers
# Product: Lync Server 2013
# Catalog lync-2013@2026.12.1. Run each block on the host it names, in an elevated PowerShell.
# Review before running: every rule is an Allow rule in group 'Lync Port Planner'.
#Requires -RunAsAdministrator

# edge-any-dns-53-tcp:edge>any | DNS tcp/53
# On each of: Edge pool (198.51.100.21, 198.51.100.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-dns-53-tcp:edge>any' -Group 'Lync Port Planner' -Description 'DNS queries over TCP from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '53' -LocalAddress '198.51.100.21','198.51.100.31' -RemoteAddress Any

# edge-any-dns-53-udp:edge>any | DNS udp/53
# On each of: Edge pool (198.51.100.21, 198.51.100.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-dns-53-udp:edge>any' -Group 'Lync Port Planner' -Description 'DNS queries over UDP from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Action Allow -Protocol UDP -RemotePort '53' -LocalAddress '198.51.100.21','198.51.100.31' -RemoteAddress Any

# edge-any-http-80:edge>any | HTTP tcp/80
# On each of: Edge pool (198.51.100.21, 198.51.100.31) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-http-80:edge>any' -Group 'Lync Port Planner' -Description 'Certificate revocation list checks and retrieval from each Access Edge address. (Edge pool -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '80' -LocalAddress '198.51.100.21','198.51.100.31' -RemoteAddress Any

# edge-any-stun-443:edge>any | STUN/MSTURN tcp/443
# On each of: Edge pool (198.51.100.23, 198.51.100.33) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-stun-443:edge>any' -Group 'Lync Port Planner' -Description 'STUN/TURN candidate negotiation over TCP from each A/V Edge address. (Edge pool -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '443' -LocalAddress '198.51.100.23','198.51.100.33' -RemoteAddress Any

# edge-any-stun-3478:edge>any | STUN/MSTURN udp/3478
# On each of: Edge pool (198.51.100.23, 198.51.100.33) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-stun-3478:edge>any' -Group 'Lync Port Planner' -Description 'Outbound 3478 detects the remote Edge version and carries Edge-to-Edge media: federation with Lync Server 2010, Windows Live Messenger, OCS 2007 R2, and several Edge pools. (Edge pool -> Any)' -Direction Outbound -Action Allow -Protocol UDP -RemotePort '3478' -LocalAddress '198.51.100.23','198.51.100.33' -RemoteAddress Any

# edge-any-sip-5061:edge>any | SIP/MTLS tcp/5061
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# edge-any-rtp-50000-tcp:edge>any | RTP tcp/50000-59999
# On each of: Edge pool (198.51.100.23, 198.51.100.33) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync edge-any-rtp-50000-tcp:edge>any' -Group 'Lync Port Planner' -Description 'Outbound media from each A/V Edge address; needed to federate with partners on OCS 2007, OCS 2007 R2, Lync Server 2010 and 2013. (Edge pool -> Any)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '50000-59999' -LocalAddress '198.51.100.23','198.51.100.33' -RemoteAddress Any

# any-edge-psom-443:any>edge | PSOM/TLS tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# any-edge-sip-443:any>edge | SIP/TLS tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# any-edge-stun-443-ext:any>edge | STUN/MSTURN tcp/443
# On each of: Edge pool (198.51.100.23, 198.51.100.33)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-443-ext:any>edge' -Group 'Lync Port Planner' -Description 'STUN/TURN candidate negotiation over TCP to each A/V Edge address. (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '198.51.100.23','198.51.100.33' -RemoteAddress Any

# any-edgevip-stun-443-ext:any>edge | STUN/MSTURN tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# any-edge-stun-3478-ext:any>edge | STUN/MSTURN udp/3478
# On each of: Edge pool (198.51.100.23, 198.51.100.33)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-3478-ext:any>edge' -Group 'Lync Port Planner' -Description 'STUN/TURN candidate negotiation over UDP to each A/V Edge address. (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '198.51.100.23','198.51.100.33' -RemoteAddress Any

# any-edgevip-stun-3478-ext:any>edge | STUN/MSTURN udp/3478
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# any-edge-sip-5061:any>edge | SIP/MTLS tcp/5061
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# edgevip-any-stun-443:edge>any | STUN/MSTURN tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# any-edge-stun-443:any>edge | STUN/MSTURN tcp/443
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-443:any>edge' -Group 'Lync Port Planner' -Description 'Fallback A/V path when UDP fails; TCP also carries file transfer and desktop sharing. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress Any

# any-edgevip-stun-443:any>edge | STUN/MSTURN tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# any-edge-stun-3478:any>edge | STUN/MSTURN udp/3478
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync any-edge-stun-3478:any>edge' -Group 'Lync Port Planner' -Description 'Preferred path for A/V media between internal and external users. Microsoft''s rows say Any: internal clients, Mediation Servers and Front End Servers all send media here. (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '3478' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress Any

# any-edgevip-stun-3478:any>edge | STUN/MSTURN udp/3478
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# fe-edge-https-4443:fe>edge | HTTPS tcp/4443
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync fe-edge-https-4443:fe>edge' -Group 'Lync Port Planner' -Description 'Replication of Central Management store changes from the Front End that holds the CMS to each Edge. Not the reverse proxy''s 4443. (Edge pool -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '4443' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress '10.30.30.11','10.30.30.12'

# fe-edge-sip-5061:fe>edge | SIP/MTLS tcp/5061
# On each of: Front End pool (10.30.30.11, 10.30.30.12) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync fe-edge-sip-5061:fe>edge' -Group 'Lync Port Planner' -Description 'SIP from the Front End pool to the Edge internal interface (to the internal VIP when the Edge pool uses hardware load balancing). (Front End pool -> Edge pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '5061' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '172.18.10.20'

# fe-edge-sip-5062:fe>edge | SIP/MTLS tcp/5062
# On each of: Front End pool (10.30.30.11, 10.30.30.12) (the peer is not a host)
New-NetFirewallRule -DisplayName 'Lync fe-edge-sip-5062:fe>edge' -Group 'Lync Port Planner' -Description 'A/V authentication: the Front End pool authenticates A/V users through the Edge''s A/V authentication service. (Front End pool -> Edge pool)' -Direction Outbound -Action Allow -Protocol TCP -RemotePort '5062' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '172.18.10.20'

# fe-edge-psom-8057:fe>edge | PSOM/MTLS tcp/8057
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync fe-edge-psom-8057:fe>edge' -Group 'Lync Port Planner' -Description 'Web conferencing traffic from each Front End Server to each Edge internal interface; a load balancer never carries it. (Edge pool -> Front End pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress '10.30.30.11','10.30.30.12'

# any-edge-cls-50001:any>edge | MTLS tcp/50001
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync any-edge-cls-50001:any>edge' -Group 'Lync Port Planner' -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress Any

# any-edge-cls-50002:any>edge | MTLS tcp/50002
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync any-edge-cls-50002:any>edge' -Group 'Lync Port Planner' -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress Any

# any-edge-cls-50003:any>edge | MTLS tcp/50003
# On each of: Edge pool (172.18.10.21, 172.18.10.22)
New-NetFirewallRule -DisplayName 'Lync any-edge-cls-50003:any>edge' -Group 'Lync Port Planner' -Description 'Centralized Logging Service commands and log collection on each Edge (Management Shell, ClsController.exe, ClsAgent.exe). (Edge pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '172.18.10.21','172.18.10.22' -RemoteAddress Any

# edge-fe-sip-5061:edge>fe | SIP/MTLS tcp/5061
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync edge-fe-sip-5061:edge>fe' -Group 'Lync Port Planner' -Description 'SIP from the Edge internal interface to the Front End pool. (Front End pool -> Edge pool)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '172.18.10.21','172.18.10.22'

# clients-fe-http-80:clients>fe | HTTP tcp/80
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# clients-fe-https-443:clients>fe | HTTPS tcp/443
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# clients-fe-sip-5061:clients>fe | SIP/TLS tcp/5061
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-sip-5061:clients>fe' -Group 'Lync Port Planner' -Description 'Client-to-server SIP over TLS; to the VIP only when the pool uses hardware load balancing alone. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '5061' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'

# clients-fe-psom-8057:clients>fe | PSOM/TLS tcp/8057
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-psom-8057:clients>fe' -Group 'Lync Port Planner' -Description 'Web conferencing (PSOM) from clients to the Front End Servers. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '8057' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'

# clients-fe-http-8080:clients>fe | TCP tcp/8080
# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.

# clients-fe-appsharing-tcp:clients>fe | TCP tcp/49152-65535
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-appsharing-tcp:clients>fe' -Group 'Lync Port Planner' -Description 'Application sharing media on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '49152-65535' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'

# clients-fe-audio-tcp:clients>fe | RTP tcp/49152-57500
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-audio-tcp:clients>fe' -Group 'Lync Port Planner' -Description 'Audio media over TCP to the conferencing services on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '49152-57500' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'

# clients-fe-audio-udp:clients>fe | RTP udp/49152-57500
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-audio-udp:clients>fe' -Group 'Lync Port Planner' -Description 'Audio media to the conferencing services on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '49152-57500' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'

# any-fe-cls-50001:any>fe | MTLS tcp/50001
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync any-fe-cls-50001:any>fe' -Group 'Lync Port Planner' -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Front End pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50001' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress Any

# any-fe-cls-50002:any>fe | MTLS tcp/50002
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync any-fe-cls-50002:any>fe' -Group 'Lync Port Planner' -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Front End pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50002' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress Any

# any-fe-cls-50003:any>fe | MTLS tcp/50003
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync any-fe-cls-50003:any>fe' -Group 'Lync Port Planner' -Description 'Centralized Logging Service agent on each Front End Server. The port tables list these ports for Directors and Edge Servers only; the Centralized Logging Service overview says the agent listens on them on every server. (Front End pool -> Any)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '50003' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress Any

# clients-fe-video-tcp:clients>fe | RTP tcp/57501-65535
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-video-tcp:clients>fe' -Group 'Lync Port Planner' -Description 'Video conferencing media over TCP on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '57501-65535' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'

# clients-fe-video-udp:clients>fe | RTP udp/57501-65535
# On each of: Front End pool (10.30.30.11, 10.30.30.12)
New-NetFirewallRule -DisplayName 'Lync clients-fe-video-udp:clients>fe' -Group 'Lync Port Planner' -Description 'Video conferencing media on each Front End Server. (Front End pool -> Internal clients)' -Direction Inbound -Action Allow -Protocol UDP -LocalPort '57501-65535' -LocalAddress '10.30.30.11','10.30.30.12' -RemoteAddress '10.30.100.0/22'
