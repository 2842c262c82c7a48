import rule from '../../server/src/engine/rules/unsafe-sysctls';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const sysctls = (...names: string[]) => pod(`securityContext:\n  sysctls:\n${names.map((n) => `  - name: ${n}\n    value: "1"`).join('\n')}\ncontainers: [{name: app}]`);

ruleTester.run(rule, {
  valid: [
    { name: 'no sysctls', yaml: pod('containers: [{name: app}]') },
    { name: 'the v1.0 safe set', yaml: sysctls('kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start') },
    { name: 'added up to v1.37', yaml: sysctls('net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat') },
    { name: 'v1.32 has tcp_rmem', settings: { podSecurity: { version: 'v1.32' } }, yaml: sysctls('net.ipv4.tcp_rmem') },
    ...validInEveryWorkload('securityContext:\n  sysctls: [{name: net.ipv4.tcp_syncookies, value: "1"}]\ncontainers: [{name: app}]'),
  ],
  invalid: [
    {
      name: 'an unsafe sysctl is removed with its entry',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_syncookies
      value: "1"
    - name: kernel.msgmax
#           ^^^^^^^^^^^^^ error unsafe-sysctls: Pod "web" sets the sysctl "kernel.msgmax", which is not in the Pod Security Standards safe set for policy latest.
      value: "65536"
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_syncookies
      value: "1"
  containers: [{name: app}]
`,
    },
    {
      name: 'v1.36 does not have tcp_slow_start_after_idle',
      settings: { podSecurity: { version: 'v1.36' } },
      yaml: sysctls('net.ipv4.tcp_slow_start_after_idle'),
      errors: [{ line: 8, column: 13, message: 'Pod "p" sets the sysctl "net.ipv4.tcp_slow_start_after_idle", which is not in the Pod Security Standards safe set for policy v1.36.' }],
      output: pod('securityContext:\n  sysctls:\ncontainers: [{name: app}]'),
    },
    { name: 'v1.26 does not have ip_local_reserved_ports', settings: { podSecurity: { version: 'v1.26' } }, yaml: sysctls('net.ipv4.ip_local_reserved_ports'), errors: 1, output: pod('securityContext:\n  sysctls:\ncontainers: [{name: app}]') },
    { name: 'names are exact: the slash form is not safe', yaml: sysctls('net/ipv4/tcp_syncookies'), errors: 1, output: pod('securityContext:\n  sysctls:\ncontainers: [{name: app}]') },
    {
      name: 'flow style',
      yaml: pod('securityContext:\n  sysctls: [{name: kernel.shm_rmid_forced, value: "1"}, {name: net.core.somaxconn, value: "1024"}]\ncontainers: [{name: app}]'),
      errors: 1,
      output: pod('securityContext:\n  sysctls: [{name: kernel.shm_rmid_forced, value: "1"}]\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'securityContext:\n  sysctls:\n  - name: kernel.sem\n    value: "1"\n  - name: kernel.shm_rmid_forced\n    value: "1"\ncontainers: [{name: app}]',
      errors: 1,
      output: 'securityContext:\n  sysctls:\n  - name: kernel.shm_rmid_forced\n    value: "1"\ncontainers: [{name: app}]',
    }),
  ],
});
