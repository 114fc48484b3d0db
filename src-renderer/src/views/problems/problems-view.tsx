import { type JSX } from 'react';

export function ProblemsView(): JSX.Element {
  return <div className="view-pad">Problems</div>;
}
