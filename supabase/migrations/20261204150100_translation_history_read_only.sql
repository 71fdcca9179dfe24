-- Duizhao: translation_history is a read model; like the other views it grants no writes to any API
-- role, the service role included.
revoke insert, update, delete, truncate on public.translation_history from service_role;
