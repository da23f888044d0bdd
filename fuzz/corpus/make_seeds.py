#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/) from the project's own test
fixtures and bundled resources (their licences are beside them; see THIRD_PARTY.md) and from
hand-written inputs. Run from the project root; the output is committed."""
import base64, hashlib, json, os, shutil, struct

OUT = 'fuzz/corpus'

def lines(path, n):
    with open(path, 'rb') as f:
        out = []
        for line in f:
            if line.strip():
                out.append(line.rstrip(b'\r\n'))
            if len(out) >= n:
                break
        return out

def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

for t in os.listdir(OUT):
    if os.path.isdir(os.path.join(OUT, t)):
        shutil.rmtree(os.path.join(OUT, t))

# --- records: whole files as `vigie import` reads them --------------------------------------
sources = {
    'eve': ('tests/data/network/eve_sample.json', 4),
    'zeek_json': ('tests/data/network/zeek_sample.ndjson', 3),
    'helk': ('tests/data/windows/helk_events.ndjson', 2),
    'winlogbeat': ('tests/data/windows/winlogbeat_derived.ndjson', 2),
    'wazuh': ('tests/data/alerts/wazuh_spiral_auth.json', 2),
    'ecs': ('tests/data/ecs/ecs_handwritten.ndjson', 3),
    'sentinel': ('tests/data/windows/golden_saml_adfs/WindowsEvents.ndjson', 2),
    'defender': ('tests/data/windows/golden_saml_adfs/Microsoft365DefenderEvents.ndjson', 2),
}
records = {}
for name, (path, n) in sources.items():
    ls = lines(path, n)
    records[name] = ls
    write('fuzz_records', name + '.ndjson', b'\n'.join(ls) + b'\n')
sigma_sample = next(os.path.join(r, f) for r, _, fs in sorted(os.walk('tests/data/sigma'))
                    for f in sorted(fs) if f.endswith('.json'))
with open(sigma_sample, 'rb') as f:
    sig = f.read()
records['sigma'] = [json.dumps(json.loads(sig)).encode()]
write('fuzz_records', 'sigma_regression.json', sig)
zeek_tsv = b''.join(open('tests/data/network/zeek_conn.log', 'rb').readlines()[:14])
write('fuzz_records', 'zeek_conn.log', zeek_tsv)
write('fuzz_records', 'array.json', b'[' + b',\n'.join(records['eve'][:2]) + b']\n')
write('fuzz_records', 'pretty.json', json.dumps(json.loads(records['ecs'][0]), indent=2).encode() + b'\n')
write('fuzz_records', 'crlf_bom.ndjson', b'\xef\xbb\xbf' + b'\r\n'.join(records['eve'][:2]) + b'\r\n')

# --- normalise: a format byte, then one record ----------------------------------------------
fmt = {'eve': 1, 'zeek_json': 2, 'wazuh': 4, 'helk': 5, 'sentinel': 6, 'defender': 7,
       'winlogbeat': 10, 'sigma': 11, 'ecs': 12}
for name, f in fmt.items():
    write('fuzz_normalise', name, bytes([f]) + records[name][0])
write('fuzz_normalise', 'zeek_tsv', bytes([3]) + zeek_tsv.splitlines()[8])
write('fuzz_normalise', 'thehive', bytes([13]) + json.dumps({
    "_id": "~4104", "_type": "Alert", "type": "external", "source": "SIEM", "sourceRef": "a-1",
    "title": "Suspicious PowerShell", "severity": 3, "date": 1714550400000, "tags": ["T1059.001"],
    "observables": [{"dataType": "ip", "data": "10.10.10.5"}, {"dataType": "hostname", "data": "ws01"}]}).encode())
write('fuzz_normalise', 'azure_ad', bytes([8]) + json.dumps({
    "TimeGenerated": "2024-05-01T10:00:00Z", "OperationName": "Add member to role", "Category": "RoleManagement",
    "Result": "success", "InitiatedBy": {"user": {"userPrincipalName": "admin@example.com", "ipAddress": "203.0.113.9"}},
    "TargetResources": [{"userPrincipalName": "eve@example.com", "type": "User"}], "Type": "AuditLogs"}).encode())
write('fuzz_normalise', 'office', bytes([9]) + json.dumps({
    "TimeGenerated": "2024-05-01T10:00:00Z", "Operation": "New-InboxRule", "OfficeWorkload": "Exchange",
    "UserId": "bob@example.com", "ClientIP": "198.51.100.7:5555", "Parameters": "[{\"Name\":\"ForwardTo\",\"Value\":\"x@evil.example\"}]",
    "Type": "OfficeActivity"}).encode())

# --- Zeek TSV --------------------------------------------------------------------------------
write('fuzz_zeek_tsv', 'conn.log', zeek_tsv)
write('fuzz_zeek_tsv', 'dns.log', "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
      "#path\tdns\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tanswers\n"
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tvector[string]\n"
      "1714550400.123456\tCx1\t10.0.0.5\t53211\t10.0.0.1\t53\tudp\tevil.example\t203.0.113.9,(empty)\n"
      "1714550401.5\tCx2\t10.0.0.5\t53212\t10.0.0.1\t53\tudp\t-\t-\n")
write('fuzz_zeek_tsv', 'comma.log', "#separator ,\n#path,http\n#fields,ts,uid,id.orig_h,id.orig_p,id.resp_h,id.resp_p,method,host,uri,user_agent,status_code\n"
      "1714550400,Ch1,10.0.0.5,4444,203.0.113.9,80,GET,evil.example,/a.ps1,curl/8.0,200\n")

# --- EventData XML (the first byte picks the event id) ---------------------------------------
xml_ok = ('<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">'
          '<Data Name="SubjectUserName">alice</Data><Data Name="SubjectDomainName">EXAMPLE</Data>'
          '<Data Name="NewProcessId">0x1f4</Data><Data Name="NewProcessName">C:\\Windows\\System32\\cmd.exe</Data>'
          '<Data Name="ParentProcessName">C:\\Windows\\explorer.exe</Data>'
          '<Data Name="CommandLine">cmd.exe /c whoami &amp;&amp; echo &quot;x&quot; &lt;y&gt; &#x41;&#66;</Data>'
          '<Data Name="TargetUserName">-</Data><Data Name="Empty"/></EventData>')
write('fuzz_eventdata_xml', 'process', b'\x00' + xml_ok.encode())
write('fuzz_eventdata_xml', 'logon', b'\x01' + (
    "<EventData><Data Name='TargetUserName'>bob</Data><Data Name='LogonType'>10</Data>"
    "<Data Name='IpAddress'>203.0.113.9</Data><Data Name='WorkstationName'>WS01</Data></EventData>").encode())
write('fuzz_eventdata_xml', 'billion_laughs', b'\x00' + (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<EventData><Data Name="CommandLine">&lol3;</Data></EventData>').encode())
write('fuzz_eventdata_xml', 'external_entity', b'\x00' + (
    '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<EventData><Data Name="CommandLine">&xxe;</Data><Data Name="Image"><![CDATA[<b>x</b>]]></Data></EventData>').encode())

# --- Sigma rules: one of each shape (bundled SigmaHQ rules, DRL 1.1) --------------------------
for rel in ['rules-threat-hunting/windows/file/file_event/file_event_win_python_path_configuration_files.yml',
            'rules-threat-hunting/windows/network_connection/net_connection_win_dfsvc_non_local_ip.yml',
            'rules-emerging-threats/2025/Exploits/CVE-2025-53770/proc_creation_win_exploit_cve_2025_53770_indicators.yml',
            'rules-threat-hunting/windows/process_creation/proc_creation_win_winscp_command_open_ftp.yml',
            'rules-threat-hunting/windows/file/file_access/file_access_win_susp_gpo_access_uncommon_process.yml',
            'network/cisco/ldp/cisco_ldp_md5_auth_failed.yml',
            'rules-threat-hunting/windows/process_creation/proc_creation_win_susp_parent_execute_itself.yml']:
    with open(os.path.join('resources/sigma/rules', rel), 'rb') as f:
        write('fuzz_sigma', os.path.basename(rel), f.read())
write('fuzz_sigma', 'handwritten_conditions.yml', """title: Hand-written condition shapes
id: 11111111-2222-3333-4444-555555555555
status: test
level: high
tags: [attack.execution, attack.t1059.001]
logsource: {product: windows, category: process_creation}
detection:
  sel_img:
    Image|endswith: ['\\\\powershell.exe', '\\\\pwsh.exe']
  sel_cli:
    CommandLine|contains|all: ['-enc', 'bypass']
  sel_b64:
    CommandLine|base64offset|contains: 'IEX'
  sel_re:
    CommandLine|re: '(?i)invoke-(web)?request'
  filter:
    User|startswith: 'NT AUTHORITY'
  keywords: ['mimikatz', 'sekurlsa']
  condition: (sel_img and 1 of sel_c* or sel_b64 or all of sel_re) and not filter or keywords
""")

# --- IOC lists --------------------------------------------------------------------------------
for f in sorted(os.listdir('tests/data/ioc')):
    with open(os.path.join('tests/data/ioc', f), 'rb') as src:
        write('fuzz_ioc', f, src.read())
write('fuzz_ioc', 'defanged.txt', "hxxps://evil[.]example/a.ps1\n10.10.10[.]5\n192.0.2.0/24\n2001:db8::/32\n"
      "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nfilename:mimikatz.exe\n# comment\n")

# --- CACAO playbooks --------------------------------------------------------------------------
for p in ['tests/data/playbooks/oasis-tcs_basic-example-1.json', 'tests/data/playbooks/oasis-tcs_spec-3.1-example.json',
          'tests/data/playbooks/oasis-tcs_playbook--aa1898b6-5251-49b4-aeb7-fd5e912583ff.json',
          'resources/playbooks/contain-host.json', 'resources/playbooks/block-ip.json', 'resources/playbooks/notify-customer.json']:
    with open(p, 'rb') as f:
        write('fuzz_cacao', os.path.basename(p), f.read())

# --- timestamps -------------------------------------------------------------------------------
for i, t in enumerate(['2021-06-06T13:59:46.457984Z', '2020-03-04T18:23:45.000000+0000', '2024-05-01 10:00:00',
                       '1714550400', '1714550400123', '1714550400.123456', '2024-05-01T10:00:00+02:00',
                       '5/1/2024 10:00:00 AM', '2024-02-29T23:59:60Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999Z',
                       'Mar  4 18:23:45']):
    write('fuzz_timestamp', 't%02d' % i, t)

# --- report: a flag byte, then strings separated by NUL ---------------------------------------
hostile = ['Incident report', 'PsExec lateral movement on ws01', 'TLP:AMBER', 'analyst',
           '<script>alert(1)</script>', 'ws01.example', 'dc01\u202egpj.exe', 'x' * 300, '" onmouseover="x',
           'hxxp://evil[.]example', '10.10.10.5', 'T1021.002', 'SMB/Windows Admin Shares', 'TA0008',
           'Lateral Movement', '| col | md |', '**bold** [link](javascript:alert(1))', '\x1b[31mred', 'é中文🙂']
write('fuzz_report', 'hostile', b'\x01' + '\0'.join(hostile).encode())
write('fuzz_report', 'hostile_pdf', b'\x40' + '\0'.join(hostile).encode())
write('fuzz_report', 'template', b'\x02' + '\0'.join([json.dumps({"organisation": "ACME SOC", "tlp": "TLP:GREEN",
      "colours": {"primary": "#112233"}, "sections": ["summary", "timeline", "scope"]})] + hostile).encode())

# --- HTTP answers for the connectors (a kind byte, then responses split at \n@@next@@\n) ------
SEP = b'\n@@next@@\n'
def resp(body, status='200 OK', headers=(), gz=False):
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    h = [b'HTTP/1.1 ' + status.encode(), b'Content-Type: application/json']
    if gz:
        import gzip
        body = gzip.compress(body)
        h.append(b'Content-Encoding: gzip')
    h += [x.encode() for x in headers]
    h.append(b'Content-Length: %d' % len(body))
    return b'\r\n'.join(h) + b'\r\n\r\n' + body
def chunked(body):
    body = json.dumps(body).encode()
    mid = len(body) // 2
    parts = b'%x\r\n' % mid + body[:mid] + b'\r\n' + b'%x\r\n' % (len(body) - mid) + body[mid:] + b'\r\n0\r\n\r\n'
    return b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' + parts
eve = [json.loads(l) for l in records['eve']]
hits = [{"_index": "logs-suricata", "_id": "id%d" % i, "_source": e, "sort": [1714550400000 + i, "id%d" % i]} for i, e in enumerate(eve)]
# elastic (kind 0; bit 2 = PIT)
write('fuzz_http_client', 'elastic_pit', bytes([4]) + SEP.join([
    resp({"id": "pit-1"}), resp({"pit_id": "pit-1", "hits": {"total": {"value": len(hits)}, "hits": hits}}),
    resp({"pit_id": "pit-1", "hits": {"hits": []}}), resp({"succeeded": True, "num_freed": 1})]))
write('fuzz_http_client', 'elastic_search_after', bytes([0]) + SEP.join([
    resp({"hits": {"hits": hits}}, gz=True), chunked({"hits": {"hits": []}})]))
write('fuzz_http_client', 'elastic_errors', bytes([0]) + SEP.join([
    resp({"error": {"type": "es_rejected_execution_exception", "reason": "too many"}}, '429 Too Many Requests', ['Retry-After: 1']),
    resp({"error": {"type": "security_exception"}}, '401 Unauthorized')]))
# wazuh (kind 1)
wazuh = [json.loads(l) for l in records['wazuh']]
write('fuzz_http_client', 'wazuh', bytes([1]) + SEP.join([
    resp({"data": {"token": "eyJhbGciOiJIUzI1NiJ9.e30.sig"}, "error": 0}),
    resp({"data": {"affected_items": [{"id": "001", "name": "ws01", "ip": "10.0.0.5", "os": {"name": "Windows 10"}, "status": "active"}],
                   "total_affected_items": 1}, "error": 0}),
    resp({"hits": {"hits": [{"_index": "wazuh-alerts-4.x", "_id": "w%d" % i, "_source": w, "sort": [i]} for i, w in enumerate(wazuh)]}}),
    resp({"hits": {"hits": []}})]))
# thehive (kind 2)
write('fuzz_http_client', 'thehive', bytes([2]) + SEP.join([
    resp([{"_id": "~41", "_type": "Alert", "_createdAt": 1714550400000, "title": "Phishing", "severity": 2, "source": "mail",
           "sourceRef": "m-1", "type": "email", "date": 1714550400000, "observables": [{"dataType": "mail", "data": "x@evil.example"}]}]),
    resp([])]))
# rest (kind 3): records at /items, cursor at /id
write('fuzz_http_client', 'rest', bytes([3]) + SEP.join([
    resp({"items": [dict(e, id="r%d" % i) for i, e in enumerate(eve)]}), resp({"items": []})]))
write('fuzz_http_client', 'garbage', bytes([3]) + b'HTTP/1.1 200 OK\r\nContent-Length: 999999\r\n\r\n{"items":[')

# --- WebSocket frames (server to client: unmasked) --------------------------------------------
def frame(payload, opcode=1, fin=True):
    if isinstance(payload, (dict, list)):
        payload = json.dumps(payload).encode()
    b0 = (0x80 if fin else 0) | opcode
    n = len(payload)
    if n < 126:
        h = bytes([b0, n])
    elif n < 65536:
        h = bytes([b0, 126]) + struct.pack('>H', n)
    else:
        h = bytes([b0, 127]) + struct.pack('>Q', n)
    return h + payload
msgs = [{"id": "s%d" % i, "event": e} for i, e in enumerate(eve)]
write('fuzz_websocket', 'members', b'\x00' + b''.join(frame(m) for m in msgs) + frame(b'', 9) + frame(struct.pack('>H', 1000), 8))
write('fuzz_websocket', 'array', b'\x00' + frame(msgs) + frame(b'', 9))
write('fuzz_websocket', 'whole_records', b'\x01' + b''.join(frame(e) for e in eve))
body = json.dumps(msgs[0]).encode()
write('fuzz_websocket', 'fragmented', b'\x02' + frame(body[:10], 1, False) + frame(b'ping', 9) + frame(body[10:], 0, True))
write('fuzz_websocket', 'binary_bad_utf8', b'\x00' + frame(b'{"id":"x","event":{"a":"\xff"}}', 1) + frame(b'\x00\x01', 2))

# --- requests to the replay sensor (a flag byte: bit 0 = the gzip sensor with basic auth) -------
auth = b'Authorization: Basic ' + base64.b64encode(b'elastic:changeme') + b'\r\n'
def req(method, target, body=b'', headers=b''):
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    return (method.encode() + b' ' + target.encode() + b' HTTP/1.1\r\nHost: sensor\r\n' + headers
            + (b'Content-Type: application/json\r\nContent-Length: %d\r\n' % len(body) if body else b'') + b'\r\n' + body)
write('fuzz_replay_sensor', 'root', b'\x00' + req('GET', '/'))
write('fuzz_replay_sensor', 'pit_search', b'\x01' + req('POST', '/logs-*/_pit?keep_alive=2m', headers=auth)
      + req('POST', '/_search', {"size": 2, "pit": {"id": "x", "keep_alive": "2m"}, "sort": [{"@timestamp": "asc"}, {"_id": "asc"}],
                                 "search_after": [1, "a"], "query": {"range": {"@timestamp": {"gte": "2020-01-01T00:00:00Z"}}}},
            headers=auth + b'Accept-Encoding: gzip\r\n'))
write('fuzz_replay_sensor', 'search', b'\x00' + req('POST', '/suricata-*/_search?track_total_hits=true', {"size": 3, "from": 1}))
write('fuzz_replay_sensor', 'wazuh', b'\x00' + req('POST', '/security/user/authenticate', headers=auth)
      + req('GET', '/agents?limit=500&offset=0') + req('PUT', '/active-response?agents_list=001,002', {"command": "firewall-drop0", "arguments": ["10.10.10.5"]}))
write('fuzz_replay_sensor', 'thehive', b'\x00' + req('POST', '/api/v1/query?name=vigie-alerts', {"query": [{"_name": "listAlert"}, {"_name": "page", "from": 0, "to": 10}]})
      + req('POST', '/api/v1/case', {"title": "Incident", "description": "x", "severity": 2}))
write('fuzz_replay_sensor', 'elastic_actions', b'\x00' + req('POST', '/api/endpoint/action/isolate', {"endpoint_ids": ["ws01"], "comment": "x"})
      + req('POST', '/api/endpoint/action/unisolate', {"endpoint_ids": ["ws01"]}) + req('GET', '/_vigie/actions'))
write('fuzz_replay_sensor', 'websocket_upgrade', b'\x00' + req('GET', '/stream?after=3', headers=b'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'))
write('fuzz_replay_sensor', 'chunked', b'\x00' + b'POST /_search HTTP/1.1\r\nHost: s\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"si\r\n9\r\nze": 1}  \r\n0\r\n\r\n')
print('seeds written to', OUT)
