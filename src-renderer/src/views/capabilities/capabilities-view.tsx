import { type JSX } from 'react';

export function CapabilitiesView(): JSX.Element {
  return <div className="view-pad">Capabilities</div>;
}
