import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '@shared/contract';
import { companyContactLine, logoDataUrl } from '@shared/print/company';
import type { Period } from '@shared/reports/period';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { saveFile } from '../ui/saveFile';
import { useErrorText } from '../ui/useErrorText';
import classes from './Reports.module.css';
import { reportPageCss } from './reportPage';
import { useExportReport } from './hooks';

type Props = {
  session: SessionInfo;
  title: string;
  period: Period | null;
  /** The filter in words, printed under the title. */
  filterText?: string;
  exportRequest: ChannelInput<'reports.export'> | null;
  loading: boolean;
  error: unknown;
  /** Controls of this report only (dimensions, N, …), left of the export and print buttons. */
  controls?: ReactNode;
  /** Signature lines on paper (default: who prepared it and the manager who reviews it). */
  signatures?: string[];
  /** The report's last block, printed on one page with the signature lines (never signatures alone on a page). */
  tail?: ReactNode;
  children: ReactNode;
};

/** Signature and date lines at the bottom of a printed report, like the forms'. */
const SignatureLines = ({ labels }: { labels: string[] }) => {
  const { t } = useTranslation();
  return (
    <div className={classes.signatures} data-testid="report-signatures">
      {labels.map((label) => (
        <div key={label} className={classes.sig}>
          <span>
            {t('print.doc.labelValue', { label, value: '' })}
            <span className={classes.rule} />
          </span>
          <span>
            {t('print.doc.labelValue', { label: t('reports.print.signDate'), value: '' })}
            <span className={classes.date}>{t('print.doc.signDate')}</span>
          </span>
        </div>
      ))}
    </div>
  );
};

/**
 * The frame of every report: its own controls, Excel export and print on
 * screen; on paper (window.print(), A4) the company, title, period, filter and
 * who printed it when, then the same charts and tables.
 */
export const ReportFrame = ({ session, title, period, filterText, exportRequest, loading, error, controls, signatures, tail, children }: Props) => {
  const { t } = useTranslation();
  const company = useChannelQuery('settings.get', {}).data;
  const logo = logoDataUrl(company?.logo);
  const contact = company ? companyContactLine(t as unknown as (key: string, o?: Record<string, unknown>) => string, company) : '';
  const periodText = period ? t('reports.period.range', { from: period.from, to: period.to }) : '';
  const signatureLabels = signatures ?? [t('reports.print.signPreparer'), t('reports.print.signReviewer')];
  const errorText = useErrorText();
  const exporter = useExportReport();
  // The stamp on paper: when this report was opened (a printout of a still screen shows that).
  const [openedAt] = useState(() => Date.now());
  const runExport = () => {
    if (!exportRequest) return;
    exporter.mutate(exportRequest, {
      onSuccess: (file) => {
        saveFile(file);
        notifications.show({ color: 'green', message: t('reports.actions.exported', { file: file.fileName, rows: file.rows }) });
      },
      onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
    });
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between" className={classes.noPrint}>
        <Group gap="xs">{controls}</Group>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileSpreadsheet size={14} />}
            loading={exporter.isPending}
            disabled={!exportRequest || loading}
            onClick={runExport}
          >
            {t('reports.actions.export')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} disabled={loading} onClick={() => window.print()}>
            {t('reports.actions.print')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} />
      <div className={classes.printable} data-testid="report-printable">
        {/* The running header and page N of M on every printed page (CSS page margin boxes). */}
        <style>
          {reportPageCss({
            running: [session.companyName, title, periodText].filter(Boolean).join('\u3000'),
            footerLeft: t('reports.print.printedBy', { name: session.user.displayName }),
            pageOf: t('print.doc.pageOf', { page: '{{page}}', pages: '{{pages}}' }),
          })}
        </style>
        <div className={classes.printOnly} data-testid="report-print-head">
          <div className={classes.sheetHead}>
            {logo && <img className={classes.logo} src={logo} alt="" />}
            <div>
              <div className={classes.company}>{company?.companyName ?? session.companyName}</div>
              {contact && <div className={classes.contact}>{contact}</div>}
            </div>
          </div>
          <h1 className={classes.printTitle}>{title}</h1>
          <Group justify="space-between" mb="sm">
            <Text size="xs">{periodText}</Text>
            <Text size="xs">{t('reports.print.filter', { text: filterText || t('reports.print.noFilter') })}</Text>
            <Text size="xs">
              {t('reports.print.printedBy', { name: session.user.displayName })}
              {'\u3000'}
              {t('reports.print.printedAt', { date: formatDateTime(openedAt) })}
            </Text>
          </Group>
        </div>
        <Title order={4} mb="xs" className={classes.noPrint} data-testid="report-title">
          {title}
        </Title>
        {loading ? (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              {t('reports.loading')}
            </Text>
          </Group>
        ) : (
          <>
            {children}
            <div className={classes.keepWithSignatures}>
              {tail}
              <div className={classes.printOnly}>
                <SignatureLines labels={signatureLabels} />
              </div>
            </div>
          </>
        )}
      </div>
    </Stack>
  );
};
