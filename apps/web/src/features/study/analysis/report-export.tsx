'use client';

import { useState } from 'react';
import { gql, useClient } from '@urql/next';
import { describeError } from '@/lib/graphql-error';

type ReportFormat = 'MARKDOWN' | 'CSV' | 'JSON';

interface StudyReport {
  filename: string;
  contentType: string;
  content: string;
  format: ReportFormat;
}

export const ReportExport_Report = gql<{ exportStudyReport: StudyReport }, { studyId: string; format: ReportFormat; options: { qualityMetric: string } }>`
  query ReportExport_Report($studyId: ID!, $format: ReportFormat!, $options: AnalysisOptionsInput) {
    exportStudyReport(studyId: $studyId, format: $format, options: $options) {
      filename
      contentType
      content
      format
    }
  }
`;

const FORMATS: Array<[ReportFormat, string]> = [
  ['MARKDOWN', 'Markdown'],
  ['CSV', 'CSV'],
  ['JSON', 'JSON'],
];

/** Saves text as a file through a temporary object URL. */
function download(report: StudyReport) {
  const url = URL.createObjectURL(new Blob([report.content], { type: report.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = report.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Buttons that fetch the study report in a format and download it under the API's file name. */
export function ReportExport({ studyId, qualityMetric }: { studyId: string; qualityMetric: string }) {
  const client = useClient();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = async (format: ReportFormat) => {
    setBusy(format);
    setMessage(null);
    const result = await client.query(ReportExport_Report, { studyId, format, options: { qualityMetric } }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(null);
    if (result.error || !result.data) {
      setMessage({ kind: 'error', text: result.error ? describeError(result.error) : 'The report came back empty.' });
      return;
    }
    download(result.data.exportStudyReport);
    setMessage({ kind: 'ok', text: `Saved ${result.data.exportStudyReport.filename}.` });
  };

  return (
    <div className="analysis__block report-export" role="group" aria-labelledby="report-title">
      <h3 className="analysis__subtitle" id="report-title">
        Report
      </h3>
      <p className="small muted">The summary table, statistics, Pareto front, recommendations and data quality, as a file.</p>
      <div className="button-row">
        {FORMATS.map(([format, label]) => (
          <button key={format} type="button" className="button button--ghost button--small" disabled={busy !== null} onClick={() => void run(format)}>
            {busy === format ? `Preparing ${label}…` : label}
          </button>
        ))}
      </div>
      {message ? (
        <p className={message.kind === 'ok' ? 'form__success small' : 'state--error small'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
