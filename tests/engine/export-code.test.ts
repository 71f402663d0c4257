import { numpyCode } from '../../src/editor/export/numpy';
import { describePythonExport, numpyAvailable } from './export-code-helpers';

describePythonExport('NumPy export', numpyAvailable() ? 'python3' : null, numpyCode);
