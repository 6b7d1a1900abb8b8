"use client";

import { useState } from "react";
import { seedAction } from "@/app/data-actions";

export function SeedButton(props: { onSeeded(message: string, ok: boolean): void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      title="Insert the tutorial's users: spongebob, sandy and patrick, with their addresses"
      className="rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
      onClick={async () => {
        setBusy(true);
        try {
          const result = await seedAction();
          if (!result.ok) return props.onSeeded(result.error, false);
          const { insertedUsers, insertedAddresses, skippedUsers } = result.result;
          props.onSeeded(
            insertedUsers
              ? `Seeded ${insertedUsers} users and ${insertedAddresses} addresses.`
              : `Already seeded: the ${skippedUsers} sample users are in user_account.`,
            true,
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? "Seeding…" : "Seed"}
    </button>
  );
}
