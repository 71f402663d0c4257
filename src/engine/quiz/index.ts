export * from './types';
export * from './questions';
export * from './marking';
export { checkQuiz } from './check';
