import rule from '../../server/src/engine/rules/hardcoded-secret';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload, type InvalidCase, type ValidCase } from '../harness/rule-tester';

// Fake credentials are assembled at run time so that secret scanners do not flag this file.
const RANDOM = 'q7Xv2LmR9tKw4ZpB8nHc3JdF6sYg1UeA0oWi5Ek';
const FAKE = {
  aws: 'AKIA' + 'Z3K4L5M6N7P8Q9R2',
  awsExample: 'AKIA' + 'IOSFODNN7EXAMPLE',
  github: 'ghp' + '_' + RANDOM.slice(0, 36),
  githubPat: 'github' + '_pat_' + RANDOM.slice(0, 30),
  gitlab: 'glpat' + '-' + RANDOM.slice(0, 20),
  slack: 'xox' + 'b-123456789012-' + RANDOM.slice(0, 24),
  google: 'AI' + 'za' + RANDOM.slice(0, 35),
  stripe: 'sk' + '_live_' + RANDOM.slice(0, 24),
  npm: 'npm' + '_' + RANDOM.slice(0, 36),
  jwt: 'ey' + 'JhbGciOiJIUzI1NiJ9.ey' + 'JzdWIiOiIxMjM0NTY3ODkwIn0.' + RANDOM.slice(0, 30),
  keyBody: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
};
const PEM = (kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----\n${FAKE.keyBody}\n${FAKE.keyBody}\n-----END ${kind}PRIVATE KEY-----\n`;

const env = (name: string, value: string) => pod(`containers:\n- name: app\n  env:\n  - name: ${name}\n    value: ${JSON.stringify(value)}`);
const configMap = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n${data}`;

const NOT_SECRETS: readonly [string, string, string][] = [
  ['path to a mounted secret', 'DB_PASSWORD_FILE', '/etc/secrets/db/password'],
  ['relative path', 'API_KEY', './keys/api.key'],
  ['empty value', 'DB_PASSWORD', ''],
  ['blank value', 'DB_PASSWORD', '   '],
  ['dependent variable reference', 'DB_PASSWORD', '$(PASSWORD_FROM_SECRET)'],
  ['shell-style reference', 'API_TOKEN', '${API_TOKEN}'],
  ['template reference', 'DB_PASS', '{{ .Values.db.password }}'],
  ['URL without credentials', 'DATABASE_URL', 'postgres://db.internal:5432/app'],
  ['URL with a referenced password', 'DATABASE_URL', 'postgres://app:$(DB_PASSWORD)@db:5432/app'],
  ['boolean flag', 'ENABLE_PASSWORD_AUTH', 'true'],
  ['YAML 1.1 boolean word', 'AUTH_TOKEN', 'yes'],
  ['number', 'TOKEN_TTL', '3600'],
  ['duration', 'SECRET_ROTATION', '24h'],
  ['minimum length setting', 'PASSWORD_MIN_LENGTH', '12'],
  ['placeholder changeme', 'API_KEY', 'changeme'],
  ['placeholder xxxxx', 'AWS_SECRET_ACCESS_KEY', 'xxxxx'],
  ['placeholder in angle brackets', 'CLIENT_SECRET', '<client-secret>'],
  ['placeholder your-…-here', 'CLIENT_SECRET', 'your-client-secret-here'],
  ['placeholder REPLACE_ME', 'SLACK_TOKEN', 'REPLACE_ME'],
  ['the word itself', 'PASSWORD', 'password'],
  ['AWS documentation example key', 'AWS_ACCESS_KEY_ID', FAKE.awsExample],
  ['Secret name, not a secret', 'DB_SECRET', 'postgres-credentials'],
  ['secret name setting', 'JWT_SECRET_NAME', 'jwt-signing'],
  ['header name', 'AUTH_TOKEN_HEADER', 'Authorization'],
  ['issuer host', 'TOKEN_ISSUER', 'auth.example.com'],
  ['token endpoint URL', 'TOKEN_URL', 'https://auth.example.com/oauth/token'],
  ['vault path', 'DB_PASSWORD', 'vault:secret/data/db#password'],
  ['AWS Secrets Manager ARN', 'API_KEY', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf'],
  ['Azure Key Vault reference', 'API_KEY', '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/api/)'],
  ['sentence', 'PASSWORD_HINT_TEXT', 'Use at least twelve characters'],
  ['generic key name with a word', 'CACHE_KEY', 'user-profile'],
  ['generic key name with a short value', 'SORT_KEY', 'name'],
  ['SSH public key', 'SSH_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'],
  ['ordinary variable', 'NODE_ENV', 'production'],
  ['username next to a password variable', 'DB_USER', 'postgres'],
  ['bypass is not pass', 'BYPASS', 'enabled-for-tests'],
  ['tokenizer is not a token', 'TOKENIZER', 'bert-base-uncased'],
];

const SECRETS: readonly [string, string, string][] = [
  ['literal password', 'DB_PASSWORD', 'hunter22'],
  ['short literal password', 'password', 'abc123'],
  ['camelCase name', 'dbPassword', 'S3cure!pass'],
  ['PASS suffix', 'REDIS_PASS', 'r3d1s-s3cr3t'],
  ['PWD suffix', 'MYSQL_PWD', 'rootpw99'],
  ['literal secret', 'SECRET_BLAH', 'secretsquirrels'],
  ['client secret', 'OAUTH_CLIENT_SECRET', '0a1b2c3d4e5f6a7b'],
  ['Rails secret key base', 'SECRET_KEY_BASE', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
  ['API key', 'API_KEY', 'k3y-' + RANDOM.slice(0, 20)],
  ['high-entropy value under a generic key name', 'AZURE_BATCH_KEY', RANDOM.slice(0, 32)],
  ['AWS access key ID under any name', 'SOME_SETTING', FAKE.aws],
  ['GitHub token under any name', 'GH', FAKE.github],
  ['GitHub fine-grained token', 'CI', FAKE.githubPat],
  ['GitLab token', 'GL', FAKE.gitlab],
  ['Slack token', 'NOTIFY', FAKE.slack],
  ['Google API key', 'MAPS', FAKE.google],
  ['Stripe live key', 'PAYMENTS', FAKE.stripe],
  ['npm token', 'NPM_CONFIG', FAKE.npm],
  ['JWT', 'SESSION', FAKE.jwt],
  ['password in a URL', 'DATABASE_URL', 'postgres://app:Tr0ub4dor3@db:5432/app'],
  ['password in a URL without a user', 'REDIS_URL', 'redis://:p4ssw0rdX@redis:6379/0'],
  ['JVM flag', 'JAVA_OPTS', '-Xmx1g -Ddb.password=Tr0ub4dor3 -Dfoo=bar'],
  ['query string token', 'WEBHOOK', 'https://hooks.example.com/in?token=abcdef123456'],
];

const valid: ValidCase[] = NOT_SECRETS.map(([what, name, value]) => ({ name: `not a secret: ${what}`, yaml: env(name, value) }));
const invalid: InvalidCase[] = SECRETS.map(([what, name, value]) => ({ name: `secret: ${what}`, yaml: env(name, value), errors: 1 }));

ruleTester.run(rule, {
  valid: [
    ...valid,
    { name: 'secretKeyRef is secret-env-var, never hardcoded-secret', yaml: pod('containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}') },
    { name: 'envFrom secretRef is secret-env-var, never hardcoded-secret', yaml: pod('containers:\n- name: app\n  envFrom:\n  - secretRef: {name: db-password}') },
    { name: 'a non-string env value is not read', yaml: pod('containers:\n- name: app\n  env:\n  - {name: PASSWORD, value: 123456}') },
    { name: 'ConfigMap without data', yaml: configMap('  {}\n').replace('data:\n  {}\n', '') },
    { name: 'ConfigMap with ordinary values', yaml: configMap('  message: This is a test\n  db_user: postgres\n  LOG_LEVEL: info\n') },
    { name: 'ConfigMap assignment with an empty value', yaml: configMap('  config: REDIS_PASSWORD=\n') },
    { name: 'ConfigMap assignment with a reference', yaml: configMap('  env: REDIS_PASSWORD=${REDIS_PASSWORD}\n') },
    { name: 'ConfigMap with a certificate', yaml: configMap(`  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    ${FAKE.keyBody}\n    -----END CERTIFICATE-----\n`) },
    { name: 'ConfigMap with a stand-in private key body', yaml: configMap('  ssh_access: |\n    -----BEGIN PRIVATE KEY-----\n    xxxxxxxx\n    -----END OPENSSH PRIVATE KEY-----\n') },
    { name: 'ConfigMap properties file without secrets', yaml: configMap('  app.properties: |\n    server.port=8080\n    password.min-length=12\n    token.ttl=3600\n') },
    { name: 'a huge run of dashes stays linear', yaml: configMap(`  banner: "${'-'.repeat(200000)}"\n`) },
    { name: 'binaryData is not text', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nbinaryData:\n  password: aHVudGVyMjI=\n' },
    { name: 'a Secret is secret-in-manifest territory', yaml: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter22\n' },
    { name: 'args with references', yaml: pod('containers:\n- name: app\n  args: ["--password=$(DB_PASSWORD)", "--token-file", "/var/run/token"]') },
    ...validInEveryWorkload('containers:\n- name: app\n  env:\n  - name: DB_PASSWORD_FILE\n    value: /etc/secrets/password'),
  ],
  invalid: [
    ...invalid,
    {
      name: 'env value: the value is marked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD
      value: hunter22 # temporary
#            ^^^^^^^^ error hardcoded-secret: Container "app" in Pod "web" sets the environment variable "DB_PASSWORD" to a literal password.
`,
    },
    {
      name: 'URL credentials: only the password is marked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    env:
    - name: DATABASE_URL
      value: "postgres://app:Tr0ub4dor3@db:5432/app"
#                            ^^^^^^^^^^ error hardcoded-secret: Container "app" in Pod "web" sets the environment variable "DATABASE_URL" to a password in a URL.
`,
    },
    {
      name: 'ConfigMap value under a credential-like key',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  db_username: postgres
  db_password: abc123
#              ^^^^^^ error hardcoded-secret: ConfigMap "settings" holds a literal password under the key "db_password"; ConfigMaps are not meant for secrets.
`,
    },
    {
      name: 'ConfigMap assignment line',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  config: REDIS_PASSWORD=abcd1234
#                        ^^^^^^^^ error hardcoded-secret: ConfigMap "settings" holds a literal password (REDIS_PASSWORD) under the key "config"; ConfigMaps are not meant for secrets.
`,
    },
    {
      name: 'inside a block scalar config file: the value on its line is marked',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  application.properties: |
    server.port=8080
    spring.datasource.password=Hunter2Pass
#                              ^^^^^^^^^^^ error hardcoded-secret: ConfigMap "settings" holds a literal password (spring.datasource.password) under the key "application.properties"; ConfigMaps are not meant for secrets.
    spring.datasource.username=app
`,
    },
    {
      name: 'private key in a ConfigMap: the header is marked',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  deploy_key: |
    -----BEGIN OPENSSH PRIVATE KEY-----
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error hardcoded-secret: ConfigMap "settings" holds a private key under the key "deploy_key"; ConfigMaps are not meant for secrets.
    ${FAKE.keyBody}
    ${FAKE.keyBody}
    -----END OPENSSH PRIVATE KEY-----
`,
    },
    {
      name: 'the same value twice in a block scalar: each line is marked',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  .env: |
    # hunter22 is mentioned in a comment first
    DB_PASSWORD=hunter22
#               ^^^^^^^^ error hardcoded-secret: ConfigMap "settings" holds a literal password (DB_PASSWORD) under the key ".env"; ConfigMaps are not meant for secrets.
    CACHE_PASSWORD=hunter22
#                  ^^^^^^^^ error hardcoded-secret: ConfigMap "settings" holds a literal password (CACHE_PASSWORD) under the key ".env"; ConfigMaps are not meant for secrets.
`,
    },
    { name: 'private key in an env value', yaml: env('THE_GOOD_STUFF', PEM('RSA ')), errors: 1 },
    { name: 'YAML config inside a ConfigMap', yaml: configMap('  app.yaml: |\n    db:\n      host: db\n      password: "S3cret!pw"\n'), errors: 1 },
    { name: 'JSON config inside a ConfigMap', yaml: configMap('  app.json: \'{"apiKey": "k3y-' + RANDOM.slice(0, 20) + '"}\'\n'), errors: 1 },
    { name: 'two secrets in one config file', yaml: configMap('  .env: |\n    DB_PASSWORD=hunter22\n    STRIPE=' + FAKE.stripe + '\n'), errors: 2 },
    { name: 'known token in args', yaml: pod(`containers:\n- name: app\n  args: ["--slack", "${FAKE.slack}"]`), errors: 1 },
    { name: 'flag followed by a literal password in args', yaml: pod('containers:\n- name: app\n  command: [server, --db-password, hunter22]'), errors: 1 },
    { name: 'flag=value in command', yaml: pod('containers:\n- name: app\n  command: ["server", "--api-token=abcdef123456"]'), errors: 1 },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  env: [{name: DB_PASSWORD, value: hunter22}]\nephemeralContainers:\n- name: debug\n  env: [{name: TOKEN, value: abcdef123456}]\ncontainers: [{name: app}]'),
      errors: 2,
    },
    { name: 'through an anchor, once per container', yaml: pod('containers:\n- name: a\n  env: &env\n  - {name: DB_PASSWORD, value: hunter22}\n- name: b\n  env: *env'), errors: 2 },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    value: hunter22', errors: 1 }),
  ],
});
