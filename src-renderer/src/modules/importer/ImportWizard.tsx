import { Button, Group, Loader, Paper, Stepper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportTarget } from '@shared/import/targets';
import type { ImportAnalysisView, ImportFileInfo } from '@shared/import/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AnalysisStep } from './AnalysisStep';
import { assignmentReady, AssignStep, initialAssignment, type Assignment } from './AssignStep';
import { CommitStep } from './CommitStep';
import { estimate, type Decision } from './estimate';
import { FileStep } from './FileStep';
import { MappingStep } from './MappingStep';
import { ReportStep } from './ReportStep';
import { SheetStep } from './SheetStep';
import { useDiscardUpload } from './useDiscardUpload';
import { useAnalyzeImport, useCancelImport, useCommitImport } from './hooks';

const STEP = { file: 0, sheet: 1, mapping: 2, analysis: 3, assign: 4, commit: 5, report: 6, finished: 7 } as const;
const POLL_MS = 200;

const toAssignment = (a: Assignment) =>
  a.mode === 'user' && a.userId
    ? { mode: 'user' as const, userId: a.userId }
    : a.mode === 'balance'
      ? { mode: 'balance' as const, userIds: a.userIds }
      : { mode: 'pool' as const };

/**
 * The lead import wizard: file → sheet and header → column mapping →
 * preview and duplicates → assignment → commit (a job polled every 200 ms,
 * cancellable) → report. Its state lives here; the main process keeps the
 * uploaded file and its analysis (session.ts). Remounted (key) to start over.
 */
export const ImportWizard = ({ onRestart }: { onRestart: () => void }) => {
  const { t } = useTranslation();
  const [active, setActive] = useState<number>(STEP.file);
  const [file, setFile] = useState<ImportFileInfo | null>(null);
  const [sheetIndex, setSheetIndex] = useState<number | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [mapping, setMapping] = useState<{ key: string; targets: (ImportTarget | null)[] } | null>(null);
  const [unmappedToNotes, setUnmappedToNotes] = useState(true);
  const [analysis, setAnalysis] = useState<ImportAnalysisView | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [assignment, setAssignment] = useState<Assignment>(initialAssignment);
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelRequested, setCancelRequested] = useState(false);

  const uploadId = file?.uploadId ?? null;
  useDiscardUpload(uploadId);

  const preview = useChannelQuery(
    'import.preview',
    { uploadId: uploadId ?? '', sheetIndex: sheetIndex ?? 0, ...(headerRow ? { headerRow } : {}) },
    {
      enabled: uploadId !== null && sheetIndex !== null,
      // While another header row or sheet of the same file loads, the old table stays (no flicker).
      placeholderData: (prev, prevQuery) => ((prevQuery?.queryKey[1] as { uploadId?: string } | undefined)?.uploadId === uploadId ? prev : undefined),
    },
  );
  const previewKey = preview.data ? `${uploadId}:${sheetIndex}:${preview.data.headerRow}` : '';
  const targets = preview.data ? (mapping?.key === previewKey ? mapping.targets : preview.data.targets) : [];

  const analyze = useAnalyzeImport();
  const commit = useCommitImport();
  const cancel = useCancelImport();
  const progress = useChannelQuery(
    'import.progress',
    { jobId: jobId ?? '' },
    {
      enabled: jobId !== null,
      refetchInterval: (q) => (q.state.status === 'error' || (q.state.data && q.state.data.state !== 'running') ? false : POLL_MS),
    },
  );
  const job = jobId ? progress.data : undefined;
  const summary = job?.state === 'done' ? job.summary : null;
  const step = summary ? STEP.finished : jobId ? STEP.commit : active;

  // The end of an import: told once per batch (the effect also runs when the language changes). What
  // shows customers or batches refreshes by itself: the import process's commit is a change notice.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!summary || announced.current === summary.batchId) return;
    announced.current = summary.batchId;
    notifications.show({ color: 'green', message: t('importer.commit.doneNotice', { created: summary.created, filled: summary.filled }) });
  }, [summary, t]);

  const onUploaded = (info: ImportFileInfo) => {
    setFile(info);
    setSheetIndex((info.sheets.find((s) => s.offered) ?? info.sheets[0])?.index ?? null);
    setShowHidden(false);
    setHeaderRow(undefined);
    setMapping(null);
    setAnalysis(null);
    setDecisions({});
    setActive(STEP.sheet);
  };
  const runAnalysis = () => {
    if (!uploadId || sheetIndex === null || !preview.data) return;
    analyze.mutate(
      { uploadId, sheetIndex, headerRow: preview.data.headerRow, targets, unmappedToNotes },
      {
        onSuccess: (a) => {
          setAnalysis(a);
          setDecisions({});
          setActive(STEP.analysis);
        },
      },
    );
  };
  const startCommit = () => {
    if (!uploadId) return;
    const { '*': forAll, ...perGroup } = decisions;
    commit.mutate(
      { uploadId, decisions: perGroup, defaultDecision: forAll ?? 'skip', assignment: toAssignment(assignment), source: assignment.source, tagIds: assignment.tagIds },
      {
        onSuccess: (r) => {
          setCancelRequested(false);
          setJobId(r.jobId);
        },
      },
    );
  };
  const requestCancel = () => {
    if (!jobId) return;
    setCancelRequested(true);
    cancel.mutate({ jobId });
  };
  const backToAssign = () => {
    setJobId(null);
    setCancelRequested(false);
    cancel.reset();
    setActive(STEP.assign);
  };

  const canNext =
    step === STEP.file
      ? file !== null
      : step === STEP.sheet
        ? !!preview.data && !preview.isPlaceholderData && !preview.isFetching
        : step === STEP.mapping
          ? targets.includes('name') && !analyze.isPending
          : step === STEP.analysis
            ? analysis !== null
            : false;
  const next = () => {
    if (step === STEP.mapping) runAnalysis();
    else setActive(step + 1);
  };

  return (
    <Paper withBorder p="md">
      <Stepper
        active={step}
        onStepClick={(i) => step < STEP.commit && i < step && setActive(i)}
        allowNextStepsSelect={false}
        size="sm"
        iconSize={28}
        styles={{ stepLabel: { fontSize: 'var(--mantine-font-size-sm)' } }}
      >
        <Stepper.Step label={t('importer.steps.file')}>
          <FileStep current={file} onUploaded={onUploaded} onStarted={() => setFile(null)} />
        </Stepper.Step>
        <Stepper.Step label={t('importer.steps.sheet')}>
          {file && (
            <SheetStep
              file={file}
              sheetIndex={sheetIndex}
              onSheet={(i) => {
                setSheetIndex(i);
                setHeaderRow(undefined);
              }}
              showHidden={showHidden}
              onShowHidden={setShowHidden}
              preview={preview.data}
              loading={preview.isFetching}
              error={preview.error}
              onHeaderRow={setHeaderRow}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('importer.steps.mapping')}>
          {preview.data && (
            <MappingStep
              preview={preview.data}
              targets={targets}
              onTargets={(next) => setMapping({ key: previewKey, targets: next })}
              unmappedToNotes={unmappedToNotes}
              onUnmappedToNotes={setUnmappedToNotes}
            />
          )}
          <ErrorAlert error={analyze.error} mt="sm" />
        </Stepper.Step>
        <Stepper.Step label={t('importer.steps.analysis')}>
          {analysis && <AnalysisStep analysis={analysis} decisions={decisions} onDecisions={setDecisions} />}
        </Stepper.Step>
        <Stepper.Step label={t('importer.steps.assign')}>
          {analysis && <AssignStep value={assignment} onChange={setAssignment} estimate={estimate(analysis, decisions)} error={commit.error} />}
        </Stepper.Step>
        <Stepper.Step label={t('importer.steps.commit')}>
          <CommitStep job={job} error={progress.error ?? cancel.error} cancelRequested={cancelRequested} onCancel={requestCancel} onBack={backToAssign} />
        </Stepper.Step>
        <Stepper.Step label={t('importer.steps.report')} />
        <Stepper.Completed>
          {summary && uploadId && file && <ReportStep uploadId={uploadId} fileName={file.fileName} summary={summary} onRestart={onRestart} />}
        </Stepper.Completed>
      </Stepper>

      {step < STEP.commit && step > STEP.file && (
        <Group justify="space-between" mt="lg">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setActive(step - 1)}>
            {t('common.back')}
          </Button>
          <Group gap="sm">
            {analyze.isPending && (
              <Group gap={6}>
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {t('importer.analysis.analyzing')}
                </Text>
              </Group>
            )}
            {step === STEP.assign ? (
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                onClick={startCommit}
                disabled={!assignmentReady(assignment)}
                loading={commit.isPending}
                data-testid="import-start"
              >
                {t('importer.assign.start')}
              </Button>
            ) : (
              <Button rightSection={<IconArrowRight size={16} />} onClick={next} disabled={!canNext} loading={step === STEP.mapping && analyze.isPending}>
                {t('common.next')}
              </Button>
            )}
          </Group>
        </Group>
      )}
      {step === STEP.file && file && (
        <Group justify="flex-end" mt="lg">
          <Button rightSection={<IconArrowRight size={16} />} onClick={next}>
            {t('common.next')}
          </Button>
        </Group>
      )}
    </Paper>
  );
};
