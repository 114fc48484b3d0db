/** The platform's own file at the checkout's root (a file of its own: readers that need only its name import nothing of its parser). */
export const PLATFORM_FILE = 'platform.yaml';
