export { checkProject, summarize, applyFix, fixFor, sameFinding, RULE_FAILURE_ID, type Summary } from './engine';
export { RULES, getRule } from './registry';
export { buildContext, routeUrl, publicPortOf, type CheckContext } from './context';
export type { Diagnostic, DocsLink, ElementRef, ElementType, Finding, Fix, FixQuestion, Rule, Severity } from './types';
