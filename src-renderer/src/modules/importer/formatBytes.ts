/** File sizes for progress labels: 512 KB, 3.4 MB. */
export const formatBytes = (n: number): string => {
  if (n < 1024 * 1024) return `${Math.max(0, Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
};
