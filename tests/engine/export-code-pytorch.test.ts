import { pytorchCode } from '../../src/editor/export/pytorch';
import { describePythonExport, pythonWithTorch } from './export-code-helpers';

describePythonExport('PyTorch export', pythonWithTorch(), pytorchCode);
