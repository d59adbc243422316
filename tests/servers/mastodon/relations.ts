/** Who mutes and who blocks whom (Mute and Block records), as Account#muting? and #blocking? read them. */
export function createRelations() {
  /** muter → muted → whether notifications are hidden too. */
  const mutes = new Map<string, Map<string, boolean>>();
  const blocks = new Map<string, Set<string>>();
  return {
    /** Account#mute!: made, or its notifications setting changed. */
    mute(accountId: string, targetId: string, notifications: boolean): void {
      const muted = mutes.get(accountId) ?? new Map<string, boolean>();
      mutes.set(accountId, muted.set(targetId, notifications));
    },
    /** Whether there was a mute to remove. */
    unmute: (accountId: string, targetId: string): boolean => mutes.get(accountId)?.delete(targetId) ?? false,
    isMuting: (accountId: string, targetId: string): boolean => mutes.get(accountId)?.has(targetId) ?? false,
    mutingNotifications: (accountId: string, targetId: string): boolean => mutes.get(accountId)?.get(targetId) ?? false,
    block(accountId: string, targetId: string): void {
      blocks.set(accountId, (blocks.get(accountId) ?? new Set<string>()).add(targetId));
    },
    unblock: (accountId: string, targetId: string): boolean => blocks.get(accountId)?.delete(targetId) ?? false,
    isBlocking: (accountId: string, targetId: string): boolean => blocks.get(accountId)?.has(targetId) ?? false,
  };
}

export type Relations = ReturnType<typeof createRelations>;
