/**
 * An HTML table (what many web directories and old systems export, often named .xls or .html):
 * the text starts with a tag of an HTML document, after an optional BOM and white space.
 */
export const isHtml = (head: Buffer): boolean => {
  const text = head.subarray(0, 1024).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return /^(<!doctype html|<html|<table|<head|<body|<meta)/.test(text);
};
