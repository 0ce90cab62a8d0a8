import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import {
  containsSecret,
  findConnectionStringSecrets,
  findFieldSecrets,
  findSecrets,
  maskConnectionString,
  redactFieldSecrets,
  redactSecrets,
  SECRET_KINDS,
} from '../../../server/src/service/secrets';
import { expectedFindings, NEGATIVES, POSITIVES } from './corpus';

suite('secret detection: labelled corpus', () => {
  test('the corpus is big enough and covers every form', () => {
    assert.ok(POSITIVES.length >= 80, `${POSITIVES.length} positives`);
    assert.ok(NEGATIVES.length >= 80, `${NEGATIVES.length} negatives`);
    const kinds = new Set(POSITIVES.flatMap((p) => p.secrets.map((s) => s.kind)));
    for (const kind of ['url-password', 'jdbc-password', 'password-pair', 'oracle-password', 'dsn-password', 'aws-access-key', 'aws-secret-key', 'private-key', 'jwt', 'github-token', 'password-assignment', 'azure-key', 'azure-sas-signature', 'basic-auth', 'bearer-token']) {
      assert.ok(kinds.has(kind), `no positive of kind ${kind}`);
    }
    for (const kind of kinds) {
      assert.ok(SECRET_KINDS[kind], `kind ${kind} has no label`);
    }
  });

  for (const p of POSITIVES) {
    test(`finds: ${p.note}`, () => {
      assert.deepEqual(findSecrets(p.text), expectedFindings(p));
    });
  }

  for (const n of NEGATIVES) {
    test(`stays silent: ${n.note}`, () => {
      assert.deepEqual(findSecrets(n.text), []);
      assert.equal(containsSecret(n.text), false);
      assert.equal(redactSecrets(n.text), undefined);
    });
  }

  test('redaction leaves none of the secrets of any positive', () => {
    for (const p of POSITIVES) {
      const redacted = redactSecrets(p.text);
      assert.ok(redacted !== undefined, p.note);
      for (const { secret } of p.secrets) {
        assert.ok(!redacted.includes(secret), `${p.note}: secret survives redaction`);
      }
      assert.deepEqual(findSecrets(redacted), [], `${p.note}: the redacted text still holds a secret`);
      assert.equal(containsSecret(p.text), true, p.note);
    }
  });
});

suite('maskConnectionString', () => {
  const forms = POSITIVES.filter((p) => p.masked !== undefined);

  test('every connection-string form has a masking example', () => {
    const kinds = new Set(forms.flatMap((p) => p.secrets.map((s) => s.kind)));
    for (const kind of ['url-password', 'jdbc-password', 'password-pair', 'oracle-password', 'dsn-password', 'azure-key']) {
      assert.ok(kinds.has(kind), `no masking example for ${kind}`);
    }
    assert.ok(forms.length >= 30, `${forms.length} masking examples`);
  });

  for (const p of forms) {
    test(`keeps everything but the secret: ${p.note}`, () => {
      assert.equal(maskConnectionString(p.text), p.masked);
      assert.deepEqual(findConnectionStringSecrets(p.text), expectedFindings(p));
    });
  }

  test('the issue examples', () => {
    assert.equal(maskConnectionString('postgres://reporting:Summer2024!@db-replica-02:5432/analytics'), 'postgres://reporting:***@db-replica-02:5432/analytics');
    assert.equal(maskConnectionString('Server=db;User Id=sa;Password="a;b";Encrypt=true'), 'Server=db;User Id=sa;Password=***;Encrypt=true');
  });

  test('undefined when there is nothing to mask', () => {
    assert.equal(maskConnectionString('postgresql://orders_api@orders-db-primary.prod.internal:5432/orders?sslmode=require'), undefined);
    assert.equal(maskConnectionString('postgres://reporting:***@db-replica-02:5432/analytics'), undefined);
    assert.equal(maskConnectionString(''), undefined);
  });

  test('masking is idempotent: a masked string has nothing left to mask', () => {
    for (const p of forms) {
      assert.equal(maskConnectionString(p.masked!), undefined, p.note);
    }
  });

  test('a property list that does not start with a key is still read as one when it is a connection string', () => {
    const value = ' ;Server=sql01;Password=Wint3r 2024;Database=hr';
    assert.equal(maskConnectionString(value), ' ;Server=sql01;Password=***;Database=hr');
  });
});

suite('findFieldSecrets', () => {
  test('a credential under a password-like key is one finding over the whole value', () => {
    assert.deepEqual(findFieldSecrets('password', 'Summer2024!'), [{ kind: 'credential-field', start: 0, end: 11 }]);
    assert.deepEqual(findFieldSecrets('db_password', 'hunter2'), [{ kind: 'credential-field', start: 0, end: 7 }]);
    assert.deepEqual(findFieldSecrets('apiKey', 'Ak3yF4ke9Q2w7E5r1T6y'), [{ kind: 'credential-field', start: 0, end: 20 }]);
    assert.deepEqual(findFieldSecrets('client_secret', '9f8e7d6c5b4a3f2e1d0c9b8a'), [{ kind: 'credential-field', start: 0, end: 24 }]);
  });

  test('placeholders, names, prose and non-credential keys are not', () => {
    assert.deepEqual(findFieldSecrets('password', '***'), []);
    assert.deepEqual(findFieldSecrets('password', '${DB_PASSWORD}'), []);
    assert.deepEqual(findFieldSecrets('password', 'rotated via vault on 2024-05-02'), []);
    assert.deepEqual(findFieldSecrets('secret', 'orders-db-creds'), []);
    assert.deepEqual(findFieldSecrets('secret_name', 'Xk9mP2vL4qR7'), []);
    assert.deepEqual(findFieldSecrets('next_page_token', 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0'), []);
    assert.deepEqual(findFieldSecrets('pass', '12'), []);
    assert.deepEqual(findFieldSecrets('connection_pool_name', 'orders-api-pool'), []);
    assert.deepEqual(findFieldSecrets(undefined, 'Summer2024!'), []);
  });

  test('text findings win over the key: the secret part of the value is reported', () => {
    const value = 'postgres://etl:Etl-Pass-2024@warehouse-01:5432/dw';
    assert.deepEqual(findFieldSecrets('password', value), [{ kind: 'url-password', start: 15, end: 28 }]);
  });
});

suite('redactFieldSecrets', () => {
  test('redacts the secrets in the value, or the whole value when its key makes it a credential', () => {
    assert.equal(redactFieldSecrets('error', 'fetch failed with token ghp_FAKE0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0u'), 'fetch failed with token ***');
    assert.equal(redactFieldSecrets('password', 'Summer2024!'), '***');
    assert.equal(redactFieldSecrets('password', '***'), undefined);
    assert.equal(redactFieldSecrets('database_host', 'orders-db-primary.prod.internal'), undefined);
  });
});
