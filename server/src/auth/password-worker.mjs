// Runs bcrypt in a worker thread so that hashing and checking passwords never blocks the API's
// event loop. Plain JavaScript: worker threads load it without a TypeScript loader.
import bcrypt from 'bcryptjs';

/** @param {{ op: 'hash', password: string, cost: number } | { op: 'verify', password: string, hash: string }} task */
export default function run(task) {
  if (task.op === 'hash') {
    // bcryptjs writes the `2b` minor version; for passwords of at most 72 bytes `2a` computes the same hash.
    const salt = bcrypt.genSaltSync(task.cost).replace(/^\$2b\$/, '$2a$');
    return bcrypt.hashSync(task.password, salt);
  }
  return bcrypt.compareSync(task.password, task.hash);
}
