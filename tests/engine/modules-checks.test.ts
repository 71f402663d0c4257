import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { serializeDocument, type GraphDocument } from '../../src/engine/document';
import { loadDocumentText, loadDocumentValue } from '../../src/engine/load';
import { MAX_MODULE_DEPTH, sigmoidModule, type ModuleDefinition } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { TestGraph, wrapperModule } from '../helpers/graph';

/** x → module node "m" of module `name` → sum, with `modules` as the document's definitions. */
function graphWithModule(name: string, modules: Record<string, ModuleDefinition>, port = 'x'): GraphDocument {
  const document = new TestGraph().source('x', 2).node('m', 'module', { [port]: 'x' }, { module: name }).node('L', 'sum', { x: 'm' }).build();
  return { ...document, modules };
}

function loadErrors(document: unknown): string[] {
  const result = loadDocumentValue(document, registry);
  return result.ok ? [] : result.errors;
}

describe('module checks', () => {
  test('valid module document round-trips', () => {
    const document = graphWithModule('sigmoid', { sigmoid: sigmoidModule() });
    const result = loadDocumentText(serializeDocument(document), registry);

    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.document.modules?.sigmoid.nodes).toHaveLength(4);
  });

  test('unknown module name is rejected', () => {
    const errors = loadErrors(graphWithModule('missing', { sigmoid: sigmoidModule() }));

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Node "m" (module), parameter "module": expected the name of a defined module (sigmoid), found "missing"');
  });

  test('unknown module port is rejected', () => {
    const errors = loadErrors(graphWithModule('sigmoid', { sigmoid: sigmoidModule() }, 'y'));

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('edge "x.out->m.y" reads into input "y", but module "sigmoid" has inputs x');
  });

  test('module port bound to a missing inner port is rejected', () => {
    const broken = { ...sigmoidModule(), outputs: [{ name: 'out', node: 'f', port: 'result' }] };
    const errors = loadErrors(graphWithModule('sigmoid', { sigmoid: broken }));

    expect(errors).toContain('Module "sigmoid": output "out" (f.result): node "f" has no output port "result"; its outputs: out.');
  });

  test('invalid inner graph names the module', () => {
    const broken = { ...sigmoidModule(), nodes: [...sigmoidModule().nodes, { id: 'q', kind: 'no-such-kind', params: {}, position: { x: 0, y: 0 } }] };
    const errors = loadErrors(graphWithModule('sigmoid', { sigmoid: broken }));

    expect(errors.some((error) => error.startsWith('Module "sigmoid": Node "q" has unknown kind "no-such-kind"'))).toBe(true);
  });

  test('module containing itself is rejected', () => {
    const errors = loadErrors(graphWithModule('a', { a: wrapperModule('b'), b: wrapperModule('a') }));

    expect(errors).toContain('Module "a" contains itself (a → b → a); a module cannot be part of its own definition.');
    expect(errors).toContain('Module "b" contains itself (b → a → b); a module cannot be part of its own definition.');
  });

  test('nesting deeper than the cap is rejected', () => {
    const modules: Record<string, ModuleDefinition> = { level0: sigmoidModule() };
    for (let level = 1; level <= MAX_MODULE_DEPTH; level++) modules[`level${level}`] = wrapperModule(`level${level - 1}`);
    const errors = loadErrors(graphWithModule(`level${MAX_MODULE_DEPTH}`, modules));

    // level k contains k + 1 levels of modules, so level MAX − 1 is the deepest allowed.
    expect(errors.some((error) => error.startsWith(`Module "level${MAX_MODULE_DEPTH}" nests modules ${MAX_MODULE_DEPTH + 1} deep`))).toBe(true);
    expect(errors.some((error) => error.startsWith(`Module "level${MAX_MODULE_DEPTH - 1}" nests`))).toBe(false);
  });

  test('schema rejects an extra definition field', () => {
    const errors = loadErrors(graphWithModule('sigmoid', { sigmoid: { ...sigmoidModule(), extra: 1 } as ModuleDefinition }));

    expect(errors[0]).toContain('modules.sigmoid');
  });

  test('compile reports an unknown module without throwing', () => {
    const program = compile(graphWithModule('missing', {}), registry);

    expect(program.diagnostics.map((diagnostic) => `${diagnostic.nodeId} ${diagnostic.code}`)).toEqual(['m invalid-param', 'L blocked-by-input']);
    expect(program.diagnostics[0].message).toContain('module "missing" is not defined');
  });

  test('compile moves inner problems onto the module node', () => {
    const document = graphWithModule('sigmoid', { sigmoid: sigmoidModule() });
    document.edges = document.edges.filter((edge) => edge.target !== 'm');
    const program = compile(document, registry);

    expect(program.diagnostics[0]).toMatchObject({ nodeId: 'm', code: 'missing-input', details: { innerNode: 'm/neg' } });
  });

  test('compile stops a self-containing module', () => {
    const program = compile(graphWithModule('a', { a: wrapperModule('a') }), registry);

    expect(program.diagnostics[0].message).toContain('module "a" contains itself (a → a)');
  });
});
