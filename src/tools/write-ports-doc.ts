import { writeAtomic } from '../report/write-atomic.js';
import { portsDoc } from '../report/ports-doc.js';
import { loadTable } from '../table/load-table.js';
import { packageFile } from '../paths.js';

// `npm run docs`: regenerates docs/ports.md from ports.json.
writeAtomic(packageFile('docs', 'ports.md'), portsDoc(loadTable()));
process.stdout.write('wrote docs/ports.md\n');
