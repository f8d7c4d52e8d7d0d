// Shortens a quoted value for a message: a 10 MB string in a template is named, never printed whole.

export function abbreviate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
