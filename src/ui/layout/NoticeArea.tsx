/** @file The latest notice (a run finished, stopped or failed) in the header, until dismissed; a live region says it aloud. */
import { useStudio } from '../../store';

export function NoticeArea() {
  const notice = useStudio((s) => s.notices.at(-1));
  const dismiss = useStudio((s) => s.dismissNotice);
  return (
    <section className="notices" aria-label="Notifications">
      <div aria-live="polite">
        {notice && (
          <p className={`notice ${notice.tone}`}>
            <span>{notice.text}</span>
            <button type="button" className="small" aria-label="Dismiss notification" onClick={() => dismiss(notice.id)}>
              ×
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
