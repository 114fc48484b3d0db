import { type JSX } from 'react';

/** Views whose content arrives with their own part of the engine. */
export function PlaceView(props: { title: string; what: string; cli: string }): JSX.Element {
  return (
    <div className="view-pad" data-testid={`place-${props.title.toLowerCase()}`}>
      <h2 className="view-title">{props.title}</h2>
      <p>{props.what}</p>
      <p className="muted">
        This view is being built. Its engine part will be available from the command line as <code>{props.cli}</code>.
      </p>
    </div>
  );
}
