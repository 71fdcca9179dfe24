-- Duizhao: the translation_history read model refuses writes from every API role, service_role
-- included, as the other views do (20261204100000_refusal_codes_and_read_only_views.sql).
revoke insert, update, delete, truncate on public.translation_history from public, anon, authenticated, service_role;
