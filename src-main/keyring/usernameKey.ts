/** What two user names must differ in to be different accounts: NFKC (full-width → half-width), case, outer spaces. */
export const usernameKey = (username: string): string => username.normalize('NFKC').trim().toLowerCase();
