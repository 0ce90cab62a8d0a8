/**
 * `incidentRecords/datasetOverview`: a summary of an open dataset, from the
 * per-record results the diagnostics pipeline keeps.
 */
import { DatasetOverviewRequest } from '../../../common/protocol';
import { severityResolver } from '../service/config/config';
import { datasetOverview } from '../service/datasetOverview';
import { storeDiagnostics } from '../service/documentChecker';
import { filePathOf } from '../uris';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

export const datasetOverviewFeature: ServerFeature = {
  capabilities: () => ({}),
  register(state) {
    state.connection.onRequest(DatasetOverviewRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Dataset overview', null, (document) => {
        const store = state.scheduler.storeOf(document.uri);
        if (!store) {
          return null;
        }
        store.checkSome(); // finish what progressive checking has not reached yet
        const filePath = filePathOf(document.uri);
        const severityOf = severityResolver(state.configs.configFor(filePath), filePath, { onlyLower: !state.workspaceTrusted });
        const positionAt = (offset: number) => document.positionAt(offset);
        return datasetOverview(document.uri, store, storeDiagnostics(store, positionAt, severityOf), positionAt);
      }),
    );
  },
};
