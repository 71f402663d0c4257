/** Returns the message that this platform's JSON parser gives for `text`, which must be invalid JSON. */
export function parserMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}
