"use client";

import type { ReactNode } from "react";

/** The panels beside the canvas (inspector, migrate, data, text): a title, a close button, the body. */
export function SidePanel(props: {
  label: string;
  title: ReactNode;
  subtitle?: ReactNode;
  width: string;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <aside aria-label={props.label} className={`flex ${props.width} flex-col border-l border-slate-300 bg-white`}>
      <header className="flex items-center border-b border-slate-200 px-4 py-2">
        <h2 className="font-semibold">{props.title}</h2>
        {props.subtitle && <span className="ml-2 text-xs text-slate-500">{props.subtitle}</span>}
        <button
          type="button"
          aria-label={`Close ${props.label.toLowerCase()}`}
          onClick={props.onClose}
          className="ml-auto text-slate-500 hover:text-slate-900"
        >
          ×
        </button>
      </header>
      {props.children}
    </aside>
  );
}
