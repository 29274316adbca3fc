import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { selectFeed } from '../store/selectors';
import { Dialog } from './Dialog';

/** Clearing a feed's history deletes for good, so it asks first. */
export function ClearFeedDialog({ feedId }: { feedId: string }) {
  const { t } = useTranslation();
  const feed = useStore(selectFeed(feedId));
  const { closeDialog, clearFeed } = useStore.getState();
  const [busy, setBusy] = useState(false);
  const name = feed ? feed.name || feed.url : feedId;
  return (
    <Dialog
      title={t('view.clearTitle')}
      onClose={closeDialog}
      name="clear-feed"
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog} data-autofocus>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void clearFeed(feedId).then(closeDialog);
            }}
          >
            {t('view.clearConfirm')}
          </button>
        </>
      }
    >
      <p>{t('view.clearText', { name })}</p>
    </Dialog>
  );
}
