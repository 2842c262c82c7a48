import type { Connection } from 'vscode-languageserver';
import type { Rule } from '../engine/rule';
import { RULES } from '../engine/rules';
import { TEST_THROWING_RULE_ENV } from '../protocol';

/**
 * TEST-ONLY. `KUBEWARD_TEST_THROWING_RULE=<rule id>` in the server's environment at start makes
 * that rule throw inside the engine's rule loop, so the LSP tests can prove through the built
 * server that a failing rule is isolated and reported once. It is read from the process
 * environment only (never from settings, `.kubeward.yaml` or anything in a workspace), and the
 * VS Code client does not pass it on. Unset, the engine's own rule list is used unchanged.
 */
export const THROWING_RULE_ENV = TEST_THROWING_RULE_ENV;

export function testRules(connection: Connection, env: NodeJS.ProcessEnv = process.env): readonly Rule[] | undefined {
  const id = env[THROWING_RULE_ENV];
  if (!id) return undefined;
  if (!RULES.some((rule) => rule.meta.id === id)) return undefined;
  connection.console.warn(`${THROWING_RULE_ENV} is set: the rule "${id}" throws on purpose (a test-only hook).`);
  return RULES.map((rule) => {
    if (rule.meta.id !== id) return rule;
    const fail = (): never => {
      throw new Error(`${THROWING_RULE_ENV}: "${id}" failed on purpose.`);
    };
    return { ...rule, check: fail } as Rule;
  });
}
