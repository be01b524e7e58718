/** Public request ids live in the kernel (one rule for api/, web/ and bench/); kept as a path for existing imports. */
export { newPublicId, normalisePublicId, isPublicId } from '../../kernel/public-id';
