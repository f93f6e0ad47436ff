from django.urls import path

from lamtheobac.registers import views

app_name = "registers"
urlpatterns = [
    path("", views.register_list, name="list"),
    path("<int:pk>/", views.register_detail, name="detail"),
    path("<int:pk>/xlsx/", views.register_xlsx, name="xlsx"),
    path("dang-ky/", views.register_new, name="new"),
]
