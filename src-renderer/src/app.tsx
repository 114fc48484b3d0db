import { type JSX } from 'react';

/** The workbench shell; its views arrive with the desktop issue. */
export function App(): JSX.Element {
  return (
    <main>
      <h1>Module Workbench</h1>
      <p>Open a platform checkout to explore its modules.</p>
    </main>
  );
}
