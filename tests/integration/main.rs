//! The one integration-test binary (every extra binary relinks eframe on a 2-core machine).

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] functions unwrap like the tests do"
)]
#![expect(
    clippy::print_stderr,
    reason = "a skipped real-tool check says so on stderr"
)]

// Shared helpers: example plans, the CLI binary, temp folders, golden files.
mod support;

// The shape of src/: no import cycles, small files.
mod architecture;
// The seed page's nine rows and five prose rules, and the HLB-only and single-Director variants.
mod seed;
// DNS records from Microsoft's DNS summary pages, names and defaults, zone files, script, table.
mod dns;
// Certificates from Microsoft's certificate pages; CSRs made by openssl, certreq INF files.
mod certs;
// Two sites, two reverse proxies: each publishes, in DNS and on its certificate, the pools
// linked to it.
mod publishing;
// The catalog validates itself and cites its sources.
mod catalog;
// Plan files: round trips, versions, errors with positions, atomic save.
mod plan_file;
// Writes through links, into devices and pipes, keeping mode and owner; upgrade's backups.
mod files;
// Errors in a broken plan point at the offending text; duplicate map keys are refused.
mod plan_positions;
// Microsoft's port tables, row by row, in plans built in code per page topology.
mod microsoft_tables;
// Rule derivation details: LB modes, Edge VIPs, NAT, Any peers, disabled requirements.
mod rules;
// Every finding kind.
mod findings;
// Golden files per format, real consumers (nft, iptables-restore, Python csv), hostile labels.
mod exports;
// The Excel workbook read back by openpyxl and LibreOffice: sheets, rows equal to the JSON
// export, CJK text, no formula, same bytes, the CLI's refusal of a terminal, scope options.
mod xlsx;
// The ASA export: object groups, one ACL per entered interface, NAT; ciscoconfparse2 reads it.
mod asa;
// The Windows Firewall script: tree-sitter-powershell, names, reruns, host guards, VIPs, GPO.
mod powershell;
// The draw.io export read back: its cell graph is the laid-out diagram; user text stays text.
mod drawio;
// Firewall exports as operators use them: mixed families, large nodes, reloads in network
// namespaces with real traffic, linear growth.
mod firewalls;
// nftables sets, iptables and ip6tables per family, every consumer on every example, its
// dual-stack twin and a generated plan.
mod netfilter;
// The plan's firewalls: back-to-back or three-legged, which a rule crosses, one firewall's rules.
mod firewall_layout;
// The command line: exit codes and one-line errors for bad input.
mod cli;
// Options per subcommand, check's scope, an output that is the input.
mod cli_options;
// The port-test kit: PowerShell parsed by tree-sitter, cmdlet parameters against Microsoft's
// documentation, bash -n, hostile labels, results read back.
mod porttest;
// The kit's bash scripts run for real in network namespaces behind the plan's nftables rules.
mod porttest_namespace;
// Auditing an existing firewall's rules against the plan.
mod audit;
// The audit reads rows in order (first match wins) and keeps address families apart.
mod audit_order;
// The audit of iptables-save, nft and ASA configurations; our ASA export audits clean.
mod audit_dumps;
// Our iptables and nftables exports loaded in a network namespace, dumped and audited.
mod audit_namespace;
// Real tools' dumps audit clean; hostile and mutated input to every reader.
mod audit_inputs;
// The diagram export: SVG and PNG.
mod diagram;
// The laid-out diagram: routed links, placed labels, overlaps measured; render to JSON.
mod geometry;
// Microsoft's "Any" ends drawn as peer cards linked to their nodes.
mod peers;
// Labels and bends placed by hand: the plan's diagram section, its edits, the layout follows.
mod link_positions;
// Plan diff as a change request.
mod diff;
// Trainer scenarios and exercises; the DNS lookups of a sign-in.
mod trainer;
// The README's excerpts of the seed's three reports are rows of the Markdown export.
mod readme;
// Plans that parse but would open a firewall or forge log lines: dangerous rules, wide and
// duplicate addresses, custom rule ids, hostile text in messages.
mod safety;
// Untrusted input: fuzzed plan files and CSV, broken structures, old formats.
mod robustness;
// The real app driven headlessly with egui_kittest, and an image snapshot of the window.
#[cfg(feature = "gui")]
mod ui;
// The window's files: recovery per window, quitting, damaged recovery files, failed autosaves, a
// plan that does not open, Save through a link.
#[cfg(feature = "gui")]
mod ui_recovery;
// Where no file dialog can open: the path typed in the window saves, opens and exports.
#[cfg(feature = "gui")]
mod ui_path_prompt;
// Duplicate and paste in the window take no address the plan already uses.
#[cfg(feature = "gui")]
mod ui_copies;
// What a new user met in a real window: Add server under the pointer, Escape in a menu.
#[cfg(feature = "gui")]
mod ui_new_user;
// Plans of hundreds of nodes in the window, and a window at rest.
#[cfg(feature = "gui")]
mod ui_scale;
// The canvas owns the window: panels that hide and remember, fit, zoom, the minimap.
#[cfg(feature = "gui")]
mod ui_canvas;
// Dragging a link's label or line: kept in the plan, one undo step, clear of the cards.
#[cfg(feature = "gui")]
mod ui_link_drag;
// Panels that help: findings order and folded source notes, separate scrolling, the rule toolbar
// at 1280 px, Help and legend, the empty canvas, and the small bugs of issue 19.
#[cfg(feature = "gui")]
mod ui_panels;
// The firewalls on the canvas: clicked, their rule set in the table, inspector and exports.
#[cfg(feature = "gui")]
mod ui_firewalls;
// Port-test results loaded in the window: links coloured by result, a legend, findings.
#[cfg(feature = "gui")]
mod ui_port_tests;
// The Reports window: the seed's firewall, DNS and certificate reports, exported as the CLI
// does, derived when the plan changes; the trainer's DNS lookups of a sign-in.
#[cfg(feature = "gui")]
mod ui_reports;
