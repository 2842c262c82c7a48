/** Help texts; kept beside the parser's option table so the two are reviewed together. */

export const USAGE = `Usage:
  kubeward scan [options] [paths...]   Check Kubernetes manifests (files or folders)
  kubeward rules [--format text|json]  List every rule
  kubeward --version | --help`;

export const MAIN_HELP = `Kubeward finds insecure settings in Kubernetes manifests.

${USAGE}

Run 'kubeward scan --help' for the scan options.

Exit codes:
  0  no findings
  1  findings (after --fix: findings that remain)
  2  usage error, or input that could not be read`;

export const SCAN_HELP = `Usage: kubeward scan [options] [paths...]

Checks the named files and folders; without a path, the current folder. Folders are walked for
*.yaml and *.yml files, skipping .git and node_modules.

Configuration: each file uses the nearest .kubeward.yaml (or .kubeward.yml) in its folder or
above, up to the root of its git repository, as the editor does; --config FILE uses that one file
for everything. Precedence, highest first: command-line flags (--profile, --rule, --pss-version,
--max-file-size, --unsafe-fixes), then the file's matching "overrides", then the rest of the file,
then the defaults. The file's "exclude" globs (relative to its folder) skip files; a file named on
the command line that an exclude matches is skipped too, with a message. Mistakes in a config file
are printed as file:line:col warning config ...; the rest of the file still applies.

Options:
  --format text|json|sarif       Output format (default: text)
  -o, --output FILE              Write the report to FILE instead of standard output
  --profile baseline|restricted|all
                                 Which rules run (default: restricted)
  --rule ID=LEVEL                Set a rule to off, error, warning, info or hint (repeatable)
  --pss-version v1.N|latest      Pod Security Standards version to judge by (default: latest)
  --max-file-size BYTES          Skip larger files (default: 5242880)
  --fix                          Apply safe fixes and write the files back
  --fix-dry-run                  Print the fixes as a unified diff; write nothing
  --unsafe-fixes                 With --fix or --fix-dry-run: apply unsafe fixes too
  --exit-zero                    Exit 0 even when there are findings
  --show-suppressed              Also report findings that suppressions hide, with their reasons
  --config FILE                  Use this config file for every scanned file
  --pin-digests                  With --fix or --fix-dry-run: look up each unpinned image's tag in
                                 its registry and pin it as repo:tag@sha256:... (the only option
                                 that makes network requests)
  --pin-drop-tag                 With --pin-digests: write repo@sha256:... without the tag
  --insecure-registry HOST[:PORT]
                                 With --pin-digests: allow plain HTTP to this registry (repeatable;
                                 added to registry.insecureHosts of .kubeward.yaml)
  --registry-timeout MS          With --pin-digests: budget for one image's look-up (default: 5000)
  -q, --quiet                    Print findings and errors only, no summary or notes
  -h, --help                     Show this help

Exit codes:
  0  no findings
  1  findings (after --fix: findings that remain)
  2  usage error, or input that could not be read (missing path, permission denied,
     binary or invalid UTF-8), a config file that cannot be parsed or read, or an image
     --pin-digests could not look up (that image is left as it was); files over the
     size limit and chart templates are reported as skipped, not as errors, and
     mistakes inside a config file that parses are warnings`;

export const RULES_HELP = `Usage: kubeward rules [--format text|json]

Lists every rule with its id, default severity and title.`;
