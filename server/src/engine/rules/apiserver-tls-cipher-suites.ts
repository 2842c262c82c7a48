import { atFlag, componentsOf, isWeakCipher, listFlag, missingFlag, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const STRONG = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
].join(',');

export default defineRule({
  meta: {
    id: 'apiserver-tls-cipher-suites',
    title: 'API server allows weak TLS cipher suites',
    severity: 'info',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: Go's defaults are not broken, only weaker than the benchmark's list.
    profile: 'restricted',
    references: [cis('1.2.29', 'Ensure that the API Server only makes use of Strong Cryptographic Ciphers'), NSA.controlPlane, MITRE.adversaryInTheMiddle],
    docs: {
      rationale:
        'Without `--tls-cipher-suites` the API server offers Go\'s default TLS 1.2 suites, which include CBC-mode ' +
        'suites and, in older releases, static-RSA key exchange without forward secrecy. A listed CBC, RC4, 3DES or ' +
        '`TLS_RSA_*` suite (anything outside the benchmark\'s list of AEAD suites with forward secrecy) lets a client negotiate it, weakening the protection of every credential sent to the API. ' +
        'TLS 1.3 suites are not configurable and always strong.',
      remediation: `Set \`--tls-cipher-suites=${STRONG}\` (and \`--tls-min-version=VersionTLS12\` or higher).`,
      bad: staticPod('kube-apiserver', ['--tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']),
      good: staticPod('kube-apiserver', [`--tls-cipher-suites=${STRONG}`]),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      const suites = listFlag(cf, 'tls-cipher-suites');
      if (!suites || suites.length === 0) {
        out.push(missingFlag(cf, `${cf.label} does not set --tls-cipher-suites, so it offers Go's default suites, CBC-mode ones included.`));
        continue;
      }
      for (const suite of suites) {
        if (isWeakCipher(suite.value)) out.push(atFlag(cf, suite, `${cf.label} allows ${suite.value}, which is not one of the strong cipher suites.`));
      }
    }
    return out;
  },
});
