// Import rules of wardkit (docs/architecture.md): the layers point one way. A module may import its
// own folder and any folder of a LOWER layer, never one of its own layer or above. Run by
// `npm run lint:deps` (part of `npm test`).
/** Bottom first. Folders on one line are siblings: they may not import each other. */
const LAYERS = [
  ['i18n'],
  ['version.ts', 'errors.ts', 'proc', 'ui'],
  ['number-option.ts', 'input-file.ts', 'schema-validator.ts'],
  ['domain'],
  ['profiles'],
  ['media'],
  ['net', 'platform'],
  ['checks', 'report'],
  ['apply', 'server'],
  ['app'],
  ['commands'],
  ['cli.ts'],
];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const path = (name) => (name.endsWith('.ts') ? `^src/${esc(name)}$` : `^src/${esc(name)}/`);

const layerRules = LAYERS.flatMap((layer, rank) =>
  layer.flatMap((name) => {
    const notBelow = LAYERS.slice(rank)
      .flat()
      .filter((other) => other !== name);
    if (notBelow.length === 0) return [];
    return {
      name: `layer-${name.replace(/\.ts$/, '')}`,
      severity: 'error',
      comment: `src/${name} is in layer ${rank}; it may import only layers 0–${rank - 1} (docs/architecture.md), not: ${notBelow.join(', ')}`,
      from: { path: path(name) },
      to: { path: notBelow.map(path) },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-unlisted-folder',
      severity: 'error',
      comment:
        'Every folder of src/ has a layer: add a new one to LAYERS in .dependency-cruiser.cjs and to docs/architecture.md',
      from: { path: '^src/', pathNot: LAYERS.flat().map(path) },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules together so neither can change alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports (and that imports nothing) is dead code or a forgotten entry point.',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/cli\\.ts$'] },
      to: {},
    },
    {
      name: 'no-dev-deps-in-src',
      severity: 'error',
      comment: 'src/ ships: it may not import a devDependency.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type imported upward ties the layers together just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
