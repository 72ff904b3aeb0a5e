import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../ui/ErrorAlert';

/**
 * The bottom of the visit and minutes forms: the save error, then 取消 (back), 保存草稿 (the form's submit)
 * and 保存并提交 (`onSaveSubmit`).
 */
export const FormFooter = ({
  error,
  pending,
  draftLabel,
  submitLabel,
  onSaveSubmit,
}: {
  error: unknown;
  pending: boolean;
  draftLabel: string;
  submitLabel: string;
  onSaveSubmit: () => void;
}) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void navigate(-1)}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="light" loading={pending}>
          {draftLabel}
        </Button>
        <Button loading={pending} onClick={onSaveSubmit}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
};
