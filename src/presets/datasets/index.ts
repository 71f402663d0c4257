export * from './dataset';
export * from './toy';
export * from './csv';
export { loadMnist, MNIST_PIXELS, type DigitReader } from './mnist';
export { CsvDatasetError, datasetFromSettings, trainingDataFromSettings, type MnistLoader } from './from-settings';
